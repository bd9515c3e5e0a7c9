// Fault injection on the openapi sink, to see how the product copes with WeChat being busy or slow:
//   POST   /__localcloud/openapi/faults {apiName, errcode?, times, latencyMs?}   the next `times` calls of
//          apiName wait latencyMs first (the call is then answered and recorded, even if its caller has
//          died meanwhile, as WeChat would have sent it) and/or answer errcode (e.g. -1 system busy)
//          instead of being carried out
//   GET    /__localcloud/openapi/faults                                          the armed faults
//   DELETE /__localcloud/openapi/faults                                          clears every fault
import type { HttpRoute } from '../server';

export interface Fault {
  errcode?: number;
  latencyMs?: number;
}

export class Faults {
  private readonly pending = new Map<string, Fault & { times: number }>();

  /** The fault for this call of apiName, if one is armed (using up one of its times). */
  take(apiName: string): Fault | null {
    const f = this.pending.get(apiName);
    if (!f) return null;
    if (--f.times <= 0) this.pending.delete(apiName);
    return { errcode: f.errcode, latencyMs: f.latencyMs };
  }

  /** Clears every fault; returns how many were armed. */
  clear(): number {
    const n = this.pending.size;
    this.pending.clear();
    return n;
  }

  routes(): HttpRoute[] {
    const path = /^\/__localcloud\/openapi\/faults$/;
    return [
      { method: 'GET', path, handle: async (c) => c.json(200, { faults: [...this.pending].map(([apiName, f]) => ({ apiName, ...f })) }) },
      {
        method: 'POST',
        path,
        handle: async (c) => {
          const b = JSON.parse((await c.body()).toString('utf8') || '{}') as Record<string, unknown>;
          const int = (v: unknown) => Number.isInteger(v);
          const valid =
            typeof b.apiName === 'string' && b.apiName && int(b.times) && (b.times as number) > 0 && (b.errcode === undefined || int(b.errcode)) &&
            (b.latencyMs === undefined || (int(b.latencyMs) && (b.latencyMs as number) >= 0)) && (b.errcode !== undefined || b.latencyMs !== undefined);
          if (!valid) return c.json(400, { errCode: -1, errMsg: 'body must be {apiName, times > 0, errcode?, latencyMs?} with errcode or latencyMs' });
          const fault = { errcode: b.errcode as number | undefined, latencyMs: b.latencyMs as number | undefined, times: b.times as number };
          this.pending.set(b.apiName as string, fault);
          c.json(200, { apiName: b.apiName, ...fault });
        },
      },
      {
        method: 'DELETE',
        path,
        handle: async (c) => c.json(200, { cleared: this.clear() }),
      },
    ];
  }
}
