// The localcloud console's shell: the sidebar, the hash routes (#/data/COLLECTION, #/functions, #/wechat, …)
// and what every view shares (the console's info: demo people, data dir; the contract of every action).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get, type ConsoleInfo, type FunctionContract, type TemplatesFile } from './api';
import { Shared } from './shared';
import { useLiveStatus } from './live';
import { ErrorBox, OverlayHost } from './ui';
import { DataView } from './views/Data';
import { DataDirView } from './views/DataDir';
import { FunctionsView } from './views/Functions';
import { PagesView } from './views/Pages';
import { StorageView } from './views/Storage';
import { TimersView } from './views/Timers';
import { WeChatView } from './views/WeChat';

const SECTIONS = [
  ['data', '数据库', 'Database'],
  ['functions', '云函数', 'Functions'],
  ['wechat', '微信', 'WeChat'],
  ['timers', '定时触发器', 'Timers'],
  ['storage', '云存储', 'Storage'],
  ['datadir', '数据目录', 'Data dir'],
  ['pages', '页面', 'Pages'],
] as const;
type Section = (typeof SECTIONS)[number][0];

/** The route: `#/section/rest…`, rest URI-decoded. */
function useRoute(): [Section, string[]] {
  const read = (): [Section, string[]] => {
    const [section, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
    const known = SECTIONS.some(([s]) => s === section);
    return [known ? (section as Section) : 'data', known ? rest.filter(Boolean).map(decodeURIComponent) : []];
  };
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

function App() {
  const [section, rest] = useRoute();
  const live = useLiveStatus();
  const [shared, setShared] = useState<Shared | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([get<ConsoleInfo>('/__localcloud/console'), get<FunctionContract[]>('/__localcloud/console/contract.json'), get<TemplatesFile>('/__localcloud/openapi/templates')]).then(
      ([info, contract, templates]) => setShared({ info, contract, templates }),
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(() => {
    const label = SECTIONS.find(([s]) => s === section)?.[1];
    document.title = `${label} · localcloud 控制台`;
  }, [section]);
  return (
    <div class="shell">
      <nav class="sidebar" aria-label="控制台">
        <div class="brand">
          <div class="brand-name">localcloud</div>
          <div class="brand-sub">工会服务 · 本地云控制台</div>
        </div>
        {SECTIONS.map(([s, label, en]) => (
          <a href={`#/${s}`} class={s === section ? 'nav active' : 'nav'} aria-current={s === section ? 'page' : undefined}>
            <span>{label}</span>
            <span class="nav-en">{en}</span>
          </a>
        ))}
        <div class="sidebar-foot">
          <span class={live ? 'dot on' : 'dot'} /> {live ? '实时连接' : '未连接'}
          {shared && <div class="env">{shared.info.envId}</div>}
        </div>
      </nav>
      <main class="content">
        <ErrorBox error={error} />
        {shared && (
          <Shared.Provider value={shared}>
            {section === 'data' && <DataView collection={rest[0] ?? null} />}
            {section === 'functions' && <FunctionsView tab={rest[0] === 'call' ? 'call' : 'log'} />}
            {section === 'wechat' && <WeChatView tab={rest[0] ?? 'messages'} />}
            {section === 'timers' && <TimersView />}
            {section === 'storage' && <StorageView />}
            {section === 'datadir' && <DataDirView />}
            {section === 'pages' && <PagesView />}
          </Shared.Provider>
        )}
      </main>
      <OverlayHost />
    </div>
  );
}

render(<App />, document.getElementById('app')!);
