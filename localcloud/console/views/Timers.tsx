// 定时触发器: every timer trigger of the functions' config.json, its cron (UTC+8 as CloudBase reads it), its
// next fire time, the last time it ran, and 立即触发 to fire it now as the trigger would.
import { useState } from 'preact/hooks';
import { get, post, type GatewayReply, type TimerInfo } from '../api';
import { useLive } from '../live';
import { Code, Empty, ErrorBox, Json, notify, relative, Time, useAsync } from '../ui';
import { useInvocations } from './Functions';

export function TimersView() {
  const timers = useAsync(() => get<{ scheduled: boolean; timers: TimerInfo[] }>('/__localcloud/timers'), []);
  useLive(['invocation'], (_t, d) => (d as { source: string; status: string }).source === 'wx_trigger' && (d as { status: string }).status !== 'running' && timers.reload());
  const { list } = useInvocations();
  const [firing, setFiring] = useState<string | null>(null);
  const [last, setLast] = useState<Record<string, GatewayReply>>({});
  const fire = async (t: TimerInfo) => {
    const key = `${t.function}/${t.trigger}`;
    setFiring(key);
    try {
      const reply = await post<GatewayReply>(`/__localcloud/timers/${encodeURIComponent(t.function)}/${encodeURIComponent(t.trigger)}/fire`);
      setLast((l) => ({ ...l, [key]: reply }));
      notify(`已触发 ${key}`);
    } catch (e) {
      notify((e as Error).message, 'err');
    } finally {
      setFiring(null);
    }
  };
  return (
    <>
      <h1>定时触发器</h1>
      <p class="lead">
        来自各函数的 config.json（cron 七段：秒 分 时 日 月 星期 年，按 UTC+8）。
        {timers.data && (timers.data.scheduled ? '按计划自动触发中。' : '本次启动不按计划触发（LOCALCLOUD_TIMERS=off），只能立即触发。')}
      </p>
      <ErrorBox error={timers.error} />
      {timers.data?.timers.length === 0 && <Empty>没有定时触发器</Empty>}
      {!!timers.data?.timers.length && (
        <table class="table timers">
          <thead>
            <tr>
              <th>函数 · 触发器</th>
              <th>cron</th>
              <th>下次触发</th>
              <th>上次运行</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {timers.data.timers.map((t) => {
              const key = `${t.function}/${t.trigger}`;
              const ran = list.find((i) => i.functionName === t.function && i.action === `timer:${t.trigger}`);
              const reply = last[key];
              return (
                <>
                  <tr data-timer={key}>
                    <td class="mono">
                      {t.function} · {t.trigger}
                    </td>
                    <td class="mono">{t.config}</td>
                    <td>
                      <Time iso={t.next} />
                      {t.next && <div class="muted small">{relative(t.next)}</div>}
                    </td>
                    <td>
                      {ran ? (
                        <>
                          <Time iso={ran.startedAt} /> <Code code={ran.code} />
                        </>
                      ) : (
                        <span class="muted">本次启动后未运行</span>
                      )}
                    </td>
                    <td class="right">
                      <button type="button" class="btn primary" disabled={firing === key} onClick={() => fire(t)}>
                        {firing === key ? '运行中…' : '立即触发'}
                      </button>
                    </td>
                  </tr>
                  {reply && (
                    <tr class="detail">
                      <td colSpan={5}>
                        <Json value={reply.result ?? reply} />
                      </td>
                    </tr>
                  )}
                </>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
