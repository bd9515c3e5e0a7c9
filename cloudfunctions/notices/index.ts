// The `notices` function (通知公告): one line per action, one module each. Delivery: the outbox drain (run
// every minute by the `drain` timer trigger), the member's inbox and their subscribe-message consent.
import { defineFunction, isTimerEvent } from '../_shared/function';
import { drain } from './drain';
import { inbox } from './inbox';
import { subscribe } from './subscribe';

const routed = defineFunction('notices', {
  drain,
  inbox,
  subscribe,
});

/** The timer trigger's event runs the drain (which itself refuses anyone but a trigger). */
export const main: typeof routed = (event, context) => routed(isTimerEvent(event) ? { action: 'drain' } : event, context);
