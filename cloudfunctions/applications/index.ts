// The `applications` function: applying to a campaign (金秋助学, 夏送清凉), 办事进度, the officers' queue and
// every decision of the workflow, payment and delivery included.
import { defineFunction } from '../_shared/function';
import { act, batchApprove } from './decide';
import { detail, mine, queue } from './lists';
import { submit } from './submit';

export const actions = { submit, mine, detail, queue, act, batchApprove };
export const main = defineFunction('applications', actions);
