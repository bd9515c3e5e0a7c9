// The `orgs` function: the org tree for pickers, and search by name.
import { allOrgs } from '../_shared/data/orgs';
import { buildPickerTree, searchOrgs } from '../_shared/domain/orgTree';
import { action, defineFunction, ok } from '../_shared/function';
import { z } from '../_shared/validation';

const tree = action(z.strictObject({}), async () => {
  const orgs = await allOrgs();
  return ok({ roots: buildPickerTree(orgs), count: orgs.length });
});

const search = action(z.strictObject({ query: z.string().trim().min(1, { error: '请输入工会名称' }).max(40), limit: z.number().int().min(1).max(50).default(20) }), async (_ctx, { query, limit }) =>
  ok({ hits: searchOrgs(await allOrgs(), query, limit) }),
);

export const actions = { tree, search };
export const main = defineFunction('orgs', actions);
