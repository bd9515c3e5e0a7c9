// The `exports` function: Excel files of a campaign's applications or of legal-aid cases for a period,
// built by streaming pages of records into a sheet, stored in cloud storage and audited (see create.ts).
import { defineFunction } from '../_shared/function';
import { create } from './create';

export const actions = { create };
export const main = defineFunction('exports', actions);
