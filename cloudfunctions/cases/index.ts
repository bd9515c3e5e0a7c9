// The `cases` function (法律援助): opening a case, the member's cases, the officers' and lawyers' queue,
// every step from acceptance to closing, the lawyers to assign, and the daily timer that flags overdue
// cases. (The report figures are the statistics function's.)
import { defineFunction } from '../_shared/function';
import { act } from './act';
import { detail, lawyers, mine, queue } from './lists';
import { open } from './open';
import { flagOverdue } from './overdue';

// the timer trigger dailyOverdue runs flagOverdue (overdue.ts)
export const actions = { open, mine, detail, queue, act, lawyers, flagOverdue };
export const main = defineFunction('cases', actions);
