// The recording sink: every openapi and subscription-account call with what was sent and what it was
// answered, so tests and the demo can see the messages the product sent.
export interface RecordedCall {
  seq: number;
  at: string;
  /** `subscribeMessage.send`, `security.msgSecCheck`…; subscription-account calls are `mp:/cgi-bin/...` */
  apiName: string;
  data: unknown;
  /** the function invocation that made the call, when localcloud ran it */
  invocationId?: string;
  result: unknown;
}

const KEEP = 10_000; // bounded: a long `npm start` session must not grow without limit

export class CallLog {
  private calls: RecordedCall[] = [];
  private seq = 0;
  private readonly listeners = new Set<(call: RecordedCall) => void>();

  record(call: Omit<RecordedCall, 'seq' | 'at'>): void {
    const recorded = { seq: ++this.seq, at: new Date().toISOString(), ...call };
    this.calls.push(recorded);
    if (this.calls.length > KEEP) this.calls.shift();
    for (const l of this.listeners) l(recorded);
  }

  /** Calls `listener` with each call as it is recorded (the console's live view); returns the unsubscribe. */
  subscribe(listener: (call: RecordedCall) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(apiName?: string): RecordedCall[] {
    return apiName ? this.calls.filter((c) => c.apiName === apiName) : [...this.calls];
  }

  clear(): number {
    const n = this.calls.length;
    this.calls = [];
    return n;
  }
}
