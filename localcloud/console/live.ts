// localcloud's server-sent events (/__localcloud/events), one EventSource for the whole console: views
// subscribe to `invocation`, `call` and `data` and refresh what they show as it happens.
import { useEffect, useRef, useState } from 'preact/hooks';

export type LiveType = 'invocation' | 'call' | 'data';
type Listener = (type: LiveType, data: unknown) => void;

const listeners = new Set<Listener>();
const statusListeners = new Set<(open: boolean) => void>();
let source: EventSource | null = null;
let open = false;

function connect(): void {
  if (source) return;
  source = new EventSource('/__localcloud/events');
  source.onopen = () => setOpen(true);
  source.onerror = () => setOpen(false); // EventSource reconnects by itself
  for (const type of ['invocation', 'call', 'data'] as const) {
    source.addEventListener(type, (e) => {
      const data: unknown = JSON.parse((e as MessageEvent<string>).data);
      for (const l of listeners) l(type, data);
    });
  }
}

function setOpen(value: boolean): void {
  open = value;
  for (const l of statusListeners) l(value);
}

/** Calls `fn` with each event of `types` while the component is mounted (the latest `fn` each time). */
export function useLive(types: LiveType[], fn: (type: LiveType, data: unknown) => void): void {
  const latest = useRef(fn);
  latest.current = fn;
  const key = types.join(',');
  useEffect(() => {
    connect();
    const l: Listener = (type, data) => {
      if (types.includes(type)) latest.current(type, data);
    };
    listeners.add(l);
    return () => void listeners.delete(l);
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
}

/** Whether the event stream is connected. */
export function useLiveStatus(): boolean {
  const [state, setState] = useState(open);
  useEffect(() => {
    connect();
    statusListeners.add(setState);
    return () => void statusListeners.delete(setState);
  }, []);
  return state;
}

/** Calls `fn` at most once per `ms` for a burst of events (e.g. re-reading a list after invocations end). */
export function useDebounced(fn: () => void, ms = 300): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(fn);
  latest.current = fn;
  return () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, ms);
  };
}
