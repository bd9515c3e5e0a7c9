// The `hardship` function: 困难职工档案. Members ask for a record and see its status; officers file, confirm
// or return, review every year and end (脱困) records in their subtree; the daily `dueReminder` timer tells
// the grassroots officers of records whose review day is near.
import { defineFunction } from '../_shared/function';
import { dueReminder } from './due';
import { figures } from './figures';
import { confirm, exit, file, review, returnRecord } from './keep';
import { detail, list } from './lists';
import { mine, request } from './request';

export const actions = { request, mine, list, detail, file, confirm, return: returnRecord, review, exit, figures, dueReminder };
export const main = defineFunction('hardship', actions);
