// The console's small shared pieces: loading data, JSON, times, badges, tabs, confirmation and notices.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';

/** Loads with `fn` when `deps` change; `reload` loads again keeping what is shown meanwhile. */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: string | null; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loading: boolean }>({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: Error) => live && setState((s) => ({ data: s.data, error: e.message, loading: false })),
    );
    return () => void (live = false);
  }, [...deps, tick]); // eslint-disable-line react-hooks/exhaustive-deps
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** An instant as Asia/Shanghai wall time, 2025-06-01 14:03:22 (the product's calendar). */
export function shanghai(iso: string | Date): string {
  const parts = Object.fromEntries(SHANGHAI.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** How far `iso` is from now: 3 秒前, 12 分钟后… */
export function relative(iso: string, now = Date.now()): string {
  const s = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(s);
  const [n, unit] = abs < 60 ? [abs, '秒'] : abs < 3600 ? [Math.round(abs / 60), '分钟'] : abs < 86400 ? [Math.round(abs / 3600), '小时'] : [Math.round(abs / 86400), '天'];
  return s >= 0 ? `${n} ${unit}后` : `${n} ${unit}前`;
}

export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span class="muted">—</span>;
  return (
    <time dateTime={iso} title={`${iso} (UTC)`}>
      {shanghai(iso)}
    </time>
  );
}

/** JSON, indented and coloured. */
export function Json({ value, class: cls }: { value: unknown; class?: string }) {
  const text = JSON.stringify(value, null, 2) ?? 'undefined';
  const parts: ComponentChildren[] = [];
  const token = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let last = 0;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    if (m[1]) parts.push(<span class={m[2] ? 'j-key' : 'j-str'}>{m[1]}</span>, m[2] ?? '');
    else if (m[3]) parts.push(<span class="j-lit">{m[3]}</span>);
    else parts.push(<span class="j-num">{m[4]}</span>);
    last = token.lastIndex;
  }
  parts.push(text.slice(last));
  return <pre class={`json ${cls ?? ''}`}>{parts}</pre>;
}

/** A result code: OK green, anything else red. */
export function Code({ code }: { code: string | null }) {
  if (code === null) return <span class="badge running">运行中</span>;
  return <span class={`badge ${code === 'OK' ? 'ok' : 'err'}`}>{code}</span>;
}

export function Tabs<K extends string>({ tabs, active, onChange }: { tabs: [K, ComponentChildren][]; active: K; onChange: (k: K) => void }) {
  return (
    <div class="tabs" role="tablist">
      {tabs.map(([k, label]) => (
        <button type="button" role="tab" aria-selected={k === active} class={k === active ? 'tab active' : 'tab'} onClick={() => onChange(k)}>
          {label}
        </button>
      ))}
    </div>
  );
}

export function ErrorBox({ error }: { error: string | null | undefined }) {
  return error ? (
    <div class="error-box" role="alert">
      {error}
    </div>
  ) : null;
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

// Confirmation and notices: one host in the app shell; any view asks with a promise.
interface Ask {
  title: string;
  body: ComponentChildren;
  confirm: string;
  danger?: boolean;
  resolve(ok: boolean): void;
}
interface Notice {
  id: number;
  text: string;
  kind: 'ok' | 'err';
}
let showAsk: (a: Ask | null) => void = () => undefined;
let pushNotice: (n: Notice) => void = () => undefined;
let noticeId = 0;

/** Asks before something that cannot be undone; resolves true when confirmed. */
export function confirmAction(opts: Omit<Ask, 'resolve'>): Promise<boolean> {
  return new Promise((resolve) => showAsk({ ...opts, resolve }));
}

export function notify(text: string, kind: 'ok' | 'err' = 'ok'): void {
  pushNotice({ id: ++noticeId, text, kind });
}

export function OverlayHost() {
  const [ask, setAsk] = useState<Ask | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    showAsk = setAsk;
    pushNotice = (n) => {
      setNotices((all) => [...all, n]);
      setTimeout(() => setNotices((all) => all.filter((x) => x.id !== n.id)), n.kind === 'err' ? 8000 : 4000);
    };
  }, []);
  const answer = (ok: boolean) => {
    ask?.resolve(ok);
    setAsk(null);
  };
  return (
    <>
      {ask && (
        <div class="modal-backdrop" onClick={() => answer(false)}>
          <div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" onClick={(e) => e.stopPropagation()}>
            <h2 id="modal-title">{ask.title}</h2>
            <div class="modal-body">{ask.body}</div>
            <div class="modal-actions">
              <button type="button" class="btn" onClick={() => answer(false)}>
                取消
              </button>
              <button type="button" class={ask.danger ? 'btn danger' : 'btn primary'} onClick={() => answer(true)} autoFocus>
                {ask.confirm}
              </button>
            </div>
          </div>
        </div>
      )}
      <div class="notices" aria-live="polite">
        {notices.map((n) => (
          <div class={`notice ${n.kind}`} key={n.id}>
            {n.text}
          </div>
        ))}
      </div>
    </>
  );
}
