// The `reviews` function (审核待办): what waits at the caller's desk (the workbench's counts), what has
// waited too long and for whom (the federation's view), and the reminder run (the `remind` timer, every
// minute) that sends each officer told of new work one 待审核提醒 digest per interval.
import { defineFunction } from '../_shared/function';
import { counts } from './counts';
import { remind } from './remind';
import { waiting } from './waiting';

// the timer trigger remind runs remind (remind.ts)
export const actions = { counts, waiting, remind };
export const main = defineFunction('reviews', actions);
