// 云函数: every invocation as it happens (function, action, caller, result code, time, round trips, logs),
// with filters; and the form to call any action as any demo person (CallForm).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { del, get, type InvocationView } from '../api';
import { useLive } from '../live';
import { personLabel, useShared } from '../shared';
import { Code, Empty, ErrorBox, Json, Tabs, Time } from '../ui';
import { CallForm } from './CallForm';

export function FunctionsView({ tab }: { tab: 'log' | 'call' }) {
  return (
    <>
      <h1>云函数</h1>
      <Tabs
        tabs={[
          ['log', '调用记录 Invocations'],
          ['call', '调用云函数 Call'],
        ]}
        active={tab}
        onChange={(t) => (location.hash = t === 'call' ? '#/functions/call' : '#/functions')}
      />
      {tab === 'log' ? <InvocationLog /> : <CallForm />}
    </>
  );
}

/** The kept invocations, kept current by the event stream. */
export function useInvocations(): { list: InvocationView[]; error: string | null; clear: () => void } {
  const [byId, setById] = useState<Map<string, InvocationView>>(new Map());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<{ invocations: InvocationView[] }>('/__localcloud/invocations').then(
      (r) => setById((m) => new Map([...r.invocations.map((i) => [i.invocationId, i] as const), ...m])),
      (e: Error) => setError(e.message),
    );
  }, []);
  useLive(['invocation'], (_t, d) => {
    const inv = d as InvocationView;
    setById((m) => new Map(m).set(inv.invocationId, inv));
  });
  const list = useMemo(() => [...byId.values()].sort((a, b) => b.seq - a.seq), [byId]);
  const clear = () => void del('/__localcloud/invocations').then(() => setById(new Map()), (e: Error) => setError(e.message));
  return { list, error, clear };
}

function InvocationLog() {
  const shared = useShared();
  const { list, error, clear } = useInvocations();
  const [fn, setFn] = useState('');
  const [action, setAction] = useState('');
  const [caller, setCaller] = useState('');
  const [outcome, setOutcome] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const functions = shared.contract.map((f) => f.name);
  const shown = list.filter(
    (i) =>
      (!fn || i.functionName === fn) &&
      (!action || (i.action ?? '').includes(action)) &&
      (!caller || (caller === '-' ? !i.openid : i.openid === caller)) &&
      (!outcome || (outcome === 'ok' ? i.code === 'OK' : outcome === 'error' ? i.code !== null && i.code !== 'OK' : i.code === null)),
  );
  const byId = new Map(list.map((i) => [i.invocationId, i]));
  return (
    <>
      <div class="filters">
        <label>
          <span>函数</span>
          <select value={fn} onChange={(e) => setFn(e.currentTarget.value)} name="function">
            <option value="">全部</option>
            {functions.map((f) => (
              <option value={f}>{f}</option>
            ))}
          </select>
        </label>
        <label>
          <span>操作</span>
          <input value={action} onInput={(e) => setAction(e.currentTarget.value)} placeholder="act、submit…" name="action" />
        </label>
        <label>
          <span>调用者</span>
          <select value={caller} onChange={(e) => setCaller(e.currentTarget.value)} name="caller">
            <option value="">全部</option>
            {shared.info.people.map((p) => (
              <option value={p.openid}>{p.label}</option>
            ))}
            <option value="-">（无用户：定时器、服务端）</option>
          </select>
        </label>
        <label>
          <span>结果</span>
          <select value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} name="outcome">
            <option value="">全部</option>
            <option value="ok">成功 OK</option>
            <option value="error">失败</option>
            <option value="running">运行中</option>
          </select>
        </label>
        <span class="spacer" />
        <span class="muted">
          {shown.length} / {list.length} 次
        </span>
        <button type="button" class="btn small" onClick={clear}>
          清空
        </button>
      </div>
      <ErrorBox error={error} />
      {list.length === 0 && <Empty>还没有调用。在小程序里操作、用上方「调用云函数」，或在「定时触发器」里立即触发一个。</Empty>}
      {shown.length > 0 && (
        <table class="table invocations">
          <thead>
            <tr>
              <th>时间</th>
              <th>函数 · 操作</th>
              <th>调用者</th>
              <th>来源</th>
              <th>结果</th>
              <th class="num">耗时</th>
              <th class="num" title="数据库往返次数">往返</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <>
                <tr class={open === i.invocationId ? 'row open' : 'row'} onClick={() => setOpen(open === i.invocationId ? null : i.invocationId)} data-invocation={i.invocationId}>
                  <td class="nowrap">
                    <Time iso={i.startedAt} />
                  </td>
                  <td>
                    <span class="mono">{i.functionName}</span>
                    {i.action && <span class="mono muted"> · {i.action}</span>}
                  </td>
                  <td>{i.openid || i.source !== 'wx_trigger' ? personLabel(shared, i.openid) : <span class="muted">定时触发器</span>}</td>
                  <td class="mono muted">{i.source}</td>
                  <td>
                    <Code code={i.code} />
                  </td>
                  <td class="num">{i.ms === null ? '' : `${i.ms} ms`}</td>
                  <td class="num">{i.roundTrips}</td>
                </tr>
                {open === i.invocationId && (
                  <tr class="detail">
                    <td colSpan={7}>
                      <InvocationDetail inv={i} parent={i.parentId ? byId.get(i.parentId) : undefined} />
                    </td>
                  </tr>
                )}
              </>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function InvocationDetail({ inv, parent }: { inv: InvocationView; parent?: InvocationView }) {
  return (
    <div class="inv-detail">
      <dl class="facts">
        <dt>调用 ID</dt>
        <dd class="mono">{inv.invocationId}</dd>
        {inv.parentId && (
          <>
            <dt>由谁调用</dt>
            <dd class="mono">{parent ? `${parent.functionName} · ${parent.action ?? ''}` : inv.parentId}</dd>
          </>
        )}
        <dt>冷启动</dt>
        <dd>{inv.loadMs === null ? '否（热实例）' : `是，加载 ${inv.loadMs} ms`}</dd>
        <dt>数据库</dt>
        <dd>
          {inv.roundTrips} 次往返，检查 {inv.docsExamined} 个文档，写入 {inv.docsWritten} 个文档
          {inv.unindexedQueries > 0 && <span class="warn">，{inv.unindexedQueries} 个查询未命中索引</span>}
          {Object.keys(inv.byAction).length > 0 && <span class="mono muted"> ({Object.entries(inv.byAction).map(([a, n]) => `${a.replace(/^database\./, '')} ×${n}`).join(', ')})</span>}
        </dd>
      </dl>
      <div class="two-col">
        <div>
          <h3>事件 event</h3>
          <Json value={inv.event} />
        </div>
        <div>
          <h3>返回 result</h3>
          {inv.error ? <pre class="json error-text">{inv.error}</pre> : <Json value={inv.result} />}
        </div>
      </div>
      <h3>日志 logs</h3>
      {inv.logs.length ? <pre class="logs">{inv.logs.join('\n')}</pre> : <p class="muted">没有日志</p>}
    </div>
  );
}
