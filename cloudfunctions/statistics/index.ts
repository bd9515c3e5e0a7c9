// The `statistics` function: the report figures of an org's subtree for a period, read from the counters
// the fold keeps from every application and case step's delta, the fold's timer, and the reconciliation of
// those counters with the records.
import { defineFunction } from '../_shared/function';
import { figures } from './figures';
import { fold } from './fold';
import { reconcile } from './reconcile';

export const actions = { figures, reconcile, fold };
export const main = defineFunction('statistics', actions);
