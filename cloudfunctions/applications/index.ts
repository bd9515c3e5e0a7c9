// The `applications` function: applying to a campaign (of any service kind), 办事进度, the officers' queue,
// every decision of the workflow (payment, delivery and attendance included), a places campaign's draw, and
// 公示 with its objections.
import { defineFunction } from '../_shared/function';
import { act, batchApprove, batchRecommend } from './decide';
import { draw, draws } from './draw';
import { counts, detail, mine, queue } from './lists';
import { object, publicities, publicityAdmin, publish, resolveObjection } from './publicity';
import { submit } from './submit';

export const actions = { submit, mine, detail, queue, counts, act, batchApprove, batchRecommend, draw, draws, publish, publicities, publicityAdmin, object, resolveObjection };
export const main = defineFunction('applications', actions);
