// The `notices` function (通知公告): one line per action, one module each. Delivery: the outbox drain (run
// every minute by the `drain` timer trigger), the member's inbox and their subscribe-message consent.
import { defineFunction } from '../_shared/function';
import { board, get } from './board';
import { composeOptions, preview, publish } from './compose';
import { drain } from './drain';
import { inbox } from './inbox';
import { manageList, report } from './manage';
import { subscribe } from './subscribe';

// the timer trigger drain runs drain (drain.ts)
export const actions = { composeOptions, preview, publish, manageList, report, board, get, drain, inbox, subscribe };
export const main = defineFunction('notices', actions);
