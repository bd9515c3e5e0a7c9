// Timer triggers from the functions' config.json: fired on schedule unless LOCALCLOUD_TIMERS=off (the
// test harness's default), and on demand through `POST /__localcloud/timers/NAME/TRIGGER/fire`, which
// answers like the gateway. `GET /__localcloud/timers` lists them with their next fire time.
import type { HttpRoute, LocalCloudContext } from '../server';
import type { TimerTrigger } from './catalog';
import { nextFireTime } from './cron';
import { sendInvocation } from './gateway';
import type { FunctionRuntime, Invocation } from './runtime';

const MAX_DELAY_MS = 2 ** 31 - 1; // setTimeout's limit; longer waits re-arm

interface Timer {
  functionName: string;
  trigger: TimerTrigger;
  next: Date | null;
  handle?: NodeJS.Timeout;
}

export class Timers {
  private readonly timers: Timer[];
  private running = false;

  constructor(private readonly ctx: LocalCloudContext, private readonly runtime: FunctionRuntime, readonly scheduled: boolean) {
    this.timers = [...runtime.functions.values()].flatMap((def) => def.timers.map((trigger) => ({ functionName: def.name, trigger, next: null })));
    for (const t of this.timers) t.next = nextFireTime(t.trigger.config, new Date()); // a bad cron fails localcloud's start
  }

  start(): void {
    this.running = this.scheduled;
    if (this.running) for (const t of this.timers) this.arm(t);
  }

  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t.handle);
  }

  /** The event CloudBase's timer trigger passes to main, and its WX context (no user, SOURCE wx_trigger). */
  fire(t: Timer, at: Date): Promise<Invocation> {
    const event = { Type: 'Timer', TriggerName: t.trigger.name, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' };
    return this.runtime.invoke(t.functionName, event, { source: 'wx_trigger', timer: true });
  }

  routes(): HttpRoute[] {
    return [
      {
        method: 'GET',
        path: /^\/__localcloud\/timers$/,
        handle: async (c) =>
          c.json(200, {
            scheduled: this.scheduled,
            // unscheduled (the tests' default), a trigger's next time is when it would fire
            timers: this.timers.map((t) => ({ function: t.functionName, trigger: t.trigger.name, config: t.trigger.config, next: (this.running ? t.next : nextFireTime(t.trigger.config, new Date()))?.toISOString() ?? null })),
          }),
      },
      {
        method: 'POST',
        path: /^\/__localcloud\/timers\/([\w-]+)\/([\w-]+)\/fire$/,
        handle: async (c) => {
          const t = this.timers.find((x) => x.functionName === c.match[1] && x.trigger.name === c.match[2]);
          if (!t) return c.json(404, { errCode: -1, errMsg: `no timer trigger ${c.match[2]} on function ${c.match[1]}` });
          sendInvocation(c, await this.fire(t, new Date()));
        },
      },
    ];
  }

  private arm(t: Timer): void {
    t.next = nextFireTime(t.trigger.config, new Date());
    if (!t.next || !this.running) return;
    const due = t.next;
    t.handle = setTimeout(() => {
      if (Date.now() < due.getTime()) return this.arm(t); // a wait longer than setTimeout allows
      this.fire(t, due).catch((e) => this.ctx.log(`timer ${t.functionName}/${t.trigger.name}: ${(e as Error).stack ?? e}`));
      this.arm(t);
    }, Math.min(due.getTime() - Date.now(), MAX_DELAY_MS));
  }
}
