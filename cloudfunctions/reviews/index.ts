// The `reviews` function (审核待办): what waits at the caller's desk (the workbench's counts), what has
// waited too long and for whom (the federation's view), and the reminder run (the `remind` timer, every
// minute) that sends each officer told of new work one 待审核提醒 digest per interval.
import { defineFunction, isTimerEvent } from '../_shared/function';
import { counts } from './counts';
import { remind } from './remind';
import { waiting } from './waiting';

const routed = defineFunction('reviews', { counts, waiting, remind });

/** The timer trigger's event runs the reminders (which themselves refuse anyone but a trigger). */
export const main: typeof routed = (event, context) => routed(isTimerEvent(event) ? { action: 'remind' } : event, context);
