// The `statistics` function: the report figures of an org's subtree for a period, read from the counters
// every application and case step keeps, and the reconciliation of those counters with the records.
import { defineFunction } from '../_shared/function';
import { figures } from './figures';
import { reconcile } from './reconcile';

export const actions = { figures, reconcile };
export const main = defineFunction('statistics', actions);
