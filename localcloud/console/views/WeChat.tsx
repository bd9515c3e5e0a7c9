// 微信: what WeChat received and holds. 服务通知: each member's subscribe messages as WeChat shows them in
// the member's 服务通知 (and those WeChat refused, marked); 订阅额度: each member's quota per template on
// WeChat's side and as the product recorded it, with a member's tap to accept one more; 故障注入: WeChat busy
// or slow on the next calls; 订阅号: the account's drafts and published articles.
import { useEffect, useState } from 'preact/hooks';
import { acceptTemplates, del, get, post, type Article, type DocumentPage, type Fault, type MpArticles, type RecordedCall, type TemplatesFile } from '../api';
import { useDebounced, useLive } from '../live';
import { personLabel, useShared, type Shared } from '../shared';
import { Empty, ErrorBox, notify, shanghai, Tabs, Time, useAsync } from '../ui';

type Tab = 'messages' | 'quota' | 'faults' | 'account';

export function WeChatView({ tab }: { tab: string }) {
  const active = (['messages', 'quota', 'faults', 'account'] as const).find((t) => t === tab) ?? 'messages';
  return (
    <>
      <h1>微信</h1>
      <Tabs<Tab>
        tabs={[
          ['messages', '服务通知'],
          ['quota', '订阅额度'],
          ['faults', '故障注入'],
          ['account', '订阅号'],
        ]}
        active={active}
        onChange={(t) => (location.hash = `#/wechat/${t}`)}
      />
      {active === 'messages' && <Messages />}
      {active === 'quota' && <Quota />}
      {active === 'faults' && <Faults />}
      {active === 'account' && <Account />}
    </>
  );
}

interface SendData {
  touser?: string;
  template_id?: string;
  page?: string;
  data?: Record<string, { value?: unknown }>;
}

function templateOf(templates: TemplatesFile, id: string | undefined) {
  return Object.entries(templates.templates).find(([, t]) => t.templateId === id);
}

function Messages() {
  const shared = useShared();
  const calls = useAsync(() => get<{ calls: RecordedCall[] }>('/__localcloud/openapi/calls?apiName=subscribeMessage.send'), []);
  const [extra, setExtra] = useState<RecordedCall[]>([]);
  useEffect(() => setExtra([]), [calls.data]);
  useLive(['call', 'data'], (type, d) => {
    if (type === 'data') return calls.reload();
    if ((d as RecordedCall).apiName === 'subscribeMessage.send') setExtra((x) => [...x, d as RecordedCall]);
  });
  const all = [...(calls.data?.calls ?? []), ...extra];
  const members = [...new Set(all.map((c) => (c.data as SendData).touser ?? ''))];
  const [member, setMember] = useState<string | null>(null);
  const chosen = member ?? members[0] ?? null;
  const mine = all.filter((c) => (c.data as SendData).touser === chosen);
  return (
    <div class="split">
      <aside class="pane-list" aria-label="会员">
        <div class="list-heading">会员</div>
        {members.length === 0 && <p class="muted pad">还没有发出订阅消息。批准一项申请后，在「定时触发器」立即触发 notices/drain。</p>}
        {members.map((m) => (
          <button type="button" class={m === chosen ? 'item active' : 'item'} onClick={() => setMember(m)}>
            <span>{personLabel(shared, m)}</span>
            <span class="count">{all.filter((c) => (c.data as SendData).touser === m).length}</span>
          </button>
        ))}
      </aside>
      <section class="pane-main">
        <ErrorBox error={calls.error} />
        {chosen && (
          <div class="phone" aria-label={`${personLabel(shared, chosen)} 的服务通知`}>
            <div class="phone-bar">服务通知</div>
            <div class="phone-body">
              {mine.map((c) => (
                <ServiceNotification call={c} shared={shared} />
              ))}
            </div>
          </div>
        )}
      </section>
    </div>
  );
}

/** One subscribe message as WeChat's 服务通知 shows it: the mini-program, the template's title, its fields. */
function ServiceNotification({ call, shared }: { call: RecordedCall; shared: Shared }) {
  const data = call.data as SendData;
  const result = call.result as { errcode: number; errmsg: string };
  const found = templateOf(shared.templates, data.template_id);
  const template = found?.[1];
  const delivered = result.errcode === 0;
  return (
    <article class={delivered ? 'wx-card' : 'wx-card refused'} data-testid="service-notification">
      <header class="wx-app">
        <span class="wx-icon" aria-hidden="true">
          工
        </span>
        工会服务
      </header>
      <h3 class="wx-title">{template?.title ?? data.template_id}</h3>
      <div class="wx-time">{shanghai(call.at).slice(0, 16)}</div>
      <dl class="wx-fields">
        {Object.entries(data.data ?? {}).map(([key, v]) => (
          <>
            <dt>{template?.fields[key]?.label ?? key}</dt>
            <dd>{String(v?.value ?? '')}</dd>
          </>
        ))}
      </dl>
      <footer class="wx-open" title={data.page}>
        <span>进入小程序查看</span>
        <span class="wx-chevron" aria-hidden="true">
          ›
        </span>
      </footer>
      <div class="wx-page mono">{data.page}</div>
      {!delivered && (
        <div class="wx-refused">
          微信未送达（用户看不到这条）：{result.errcode} {result.errmsg}
        </div>
      )}
    </article>
  );
}

interface SubscriptionDoc {
  _id: string;
  openid: string;
  template: string;
  quota: number;
}

function Quota() {
  const shared = useShared();
  const wx = useAsync(() => get<{ quota: Record<string, Record<string, number>> }>('/__localcloud/openapi/subscriptions'), []);
  const product = useAsync(() => get<DocumentPage>('/__localcloud/database/subscriptions/documents?limit=100'), []);
  const reload = useDebounced(() => (wx.reload(), product.reload()), 300);
  useLive(['call', 'invocation', 'data'], reload);
  const templates = Object.entries(shared.templates.templates);
  const recorded = (product.data?.documents ?? []) as unknown as SubscriptionDoc[];
  const openids = [...new Set([...shared.info.people.filter((p) => p.name).map((p) => p.openid), ...Object.keys(wx.data?.quota ?? {})])];
  const grant = async (openid: string, key: string) => {
    try {
      const reply = await acceptTemplates(openid, shared.templates, [key]);
      const r = reply.result as { ok?: boolean; error?: { message: string } } | undefined;
      if (r?.ok) notify(`${personLabel(shared, openid)} 允许了「${shared.templates.templates[key].title}」一次`);
      else notify(`微信已记下，但 notices.subscribe 未记录：${r?.error?.message ?? reply.errMsg}`, 'err');
    } catch (e) {
      notify((e as Error).message, 'err');
    }
    reload();
  };
  return (
    <>
      <p class="lead">
        每次会员在 wx.requestSubscribeMessage 中点「允许」，微信给这个模板一次发送额度，小程序再用 notices.subscribe 记下（产品的 subscriptions 集合）。「允许一次」就是模拟这一次点击。两边的数字不一样时，消息发送会失败或被跳过。
      </p>
      <ErrorBox error={wx.error ?? product.error} />
      <table class="table quota">
        <thead>
          <tr>
            <th>会员</th>
            {templates.map(([key, t]) => (
              <th>
                {t.title}
                <div class="mono muted small">{key}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {openids.map((openid) => (
            <tr data-openid={openid}>
              <td>{personLabel(shared, openid)}</td>
              {templates.map(([key, t]) => {
                const left = wx.data?.quota[openid]?.[t.templateId] ?? 0;
                const mine = recorded.find((d) => d._id === `${openid}:${key}`)?.quota ?? 0;
                return (
                  <td>
                    <span class="quota-n" title="微信的额度">
                      微信 {left}
                    </span>
                    <span class={mine === left ? 'quota-n muted' : 'quota-n warn'} title="产品记录的额度（subscriptions）">
                      记录 {mine}
                    </span>
                    <button type="button" class="btn small" onClick={() => grant(openid, key)} aria-label={`${personLabel(shared, openid)} 允许${t.title}一次`}>
                      允许一次
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const FAULT_PRESETS: [number, string][] = [
  [-1, '-1 系统繁忙'],
  [45009, '45009 接口调用超过限额'],
  [43101, '43101 用户拒绝接受消息'],
  [40037, '40037 模板 id 不正确'],
];

function Faults() {
  const faults = useAsync(() => get<{ faults: Fault[] }>('/__localcloud/openapi/faults'), []);
  useLive(['call'], faults.reload);
  const [apiName, setApiName] = useState('subscribeMessage.send');
  const [errcode, setErrcode] = useState('-1');
  const [latency, setLatency] = useState('');
  const [times, setTimes] = useState('1');
  const [error, setError] = useState<string | null>(null);
  const arm = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await post('/__localcloud/openapi/faults', {
        apiName,
        times: Number(times),
        ...(errcode !== '' && { errcode: Number(errcode) }),
        ...(latency !== '' && { latencyMs: Number(latency) }),
      });
      notify(`接下来 ${times} 次 ${apiName} 将出错或变慢`);
      faults.reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const clear = async () => {
    await del('/__localcloud/openapi/faults');
    faults.reload();
  };
  return (
    <>
      <p class="lead">让微信接下来的几次调用出错（errcode）或变慢（latencyMs），看产品如何重试、记录失败。</p>
      <form class="card fault-form" onSubmit={arm}>
        <label>
          <span>接口 apiName</span>
          <input class="mono" value={apiName} onInput={(e) => setApiName(e.currentTarget.value)} list="api-names" name="apiName" />
          <datalist id="api-names">
            <option value="subscribeMessage.send" />
            <option value="security.msgSecCheck" />
          </datalist>
        </label>
        <label>
          <span>错误码 errcode</span>
          <select value={errcode} onChange={(e) => setErrcode(e.currentTarget.value)} name="errcode">
            <option value="">（不出错，只变慢）</option>
            {FAULT_PRESETS.map(([code, label]) => (
              <option value={String(code)}>{label}</option>
            ))}
          </select>
        </label>
        <label>
          <span>延迟 ms</span>
          <input type="number" min={0} value={latency} onInput={(e) => setLatency(e.currentTarget.value)} name="latencyMs" />
        </label>
        <label>
          <span>次数</span>
          <input type="number" min={1} value={times} onInput={(e) => setTimes(e.currentTarget.value)} name="times" />
        </label>
        <button class="btn primary" type="submit">
          注入
        </button>
      </form>
      <ErrorBox error={error ?? faults.error} />
      <h2>待生效的故障</h2>
      {faults.data?.faults.length === 0 && <Empty>没有</Empty>}
      {!!faults.data?.faults.length && (
        <>
          <table class="table">
            <thead>
              <tr>
                <th>接口</th>
                <th>错误码</th>
                <th class="num">延迟</th>
                <th class="num">剩余次数</th>
              </tr>
            </thead>
            <tbody>
              {faults.data.faults.map((f) => (
                <tr>
                  <td class="mono">{f.apiName}</td>
                  <td>{f.errcode ?? '—'}</td>
                  <td class="num">{f.latencyMs ? `${f.latencyMs} ms` : '—'}</td>
                  <td class="num">{f.times}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button class="btn" type="button" onClick={clear}>
            全部清除
          </button>
        </>
      )}
    </>
  );
}

function Account() {
  const articles = useAsync(() => get<MpArticles>('/__localcloud/mp/articles'), []);
  useLive(['call', 'data'], (type, d) => (type === 'data' || (d as RecordedCall).apiName.startsWith('mp:')) && articles.reload());
  const published = new Set(articles.data?.published.map((p) => p.mediaId));
  const drafts = articles.data?.drafts.filter((d) => !published.has(d.mediaId)) ?? [];
  return (
    <>
      <p class="lead">工会订阅号（localcloud 的订阅号接口）收到的草稿与已发布的文章。</p>
      <ErrorBox error={articles.error} />
      <h2>已发布</h2>
      {articles.data?.published.length === 0 && <Empty>还没有发布文章</Empty>}
      <div class="articles">
        {[...(articles.data?.published ?? [])].reverse().map((p) => p.articles.map((a) => <ArticleCard article={a} at={p.at} state="已发布" />))}
      </div>
      <h2>草稿</h2>
      {drafts.length === 0 && <Empty>没有未发布的草稿</Empty>}
      <div class="articles">{[...drafts].reverse().map((d) => d.articles.map((a) => <ArticleCard article={a} at={d.at} state="草稿" />))}</div>
    </>
  );
}

const ARTICLE_STYLE = 'body{font:17px/1.75 -apple-system,"Noto Sans CJK SC",sans-serif;color:#222;margin:16px 20px;} p{margin:0 0 1em} img{max-width:100%}';

function ArticleCard({ article, at, state }: { article: Article; at: string; state: string }) {
  const [open, setOpen] = useState(false);
  return (
    <article class="article" data-testid="mp-article">
      <button type="button" class="article-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        {article.thumb_media_id ? <img class="article-cover" src={`/__localcloud/mp/materials/${encodeURIComponent(article.thumb_media_id)}`} alt="" /> : <span class="article-cover" />}
        <span class="article-text">
          <span class="article-title">{article.title}</span>
          <span class="article-meta">
            {state} · {article.author} · <Time iso={at} />
          </span>
          {article.digest && <span class="article-digest">{article.digest}</span>}
        </span>
      </button>
      {open && <iframe class="article-body" title={article.title} sandbox="" srcDoc={`<!doctype html><meta charset="utf-8"><style>${ARTICLE_STYLE}</style><h2>${escapeHtml(article.title ?? '')}</h2>${article.content ?? ''}`} />}
    </article>
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
