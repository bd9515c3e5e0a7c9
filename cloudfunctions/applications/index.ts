// The `applications` function: applying to a campaign (of any service kind), 办事进度, the officers' queue,
// every decision of the workflow (payment, delivery and attendance included) and a places campaign's draw.
import { defineFunction } from '../_shared/function';
import { act, batchApprove } from './decide';
import { draw, draws } from './draw';
import { detail, mine, queue } from './lists';
import { submit } from './submit';

export const actions = { submit, mine, detail, queue, act, batchApprove, draw, draws };
export const main = defineFunction('applications', actions);
