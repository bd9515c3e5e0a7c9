// The one place that talks to a CloudBase environment, through @cloudbase/manager-node (and, for the data
// step on documents, @cloudbase/node-sdk's database: migrate.ts): reading its state for the planner and
// applying a plan. A function's code cannot be read back, so its code hash is kept in
// the function's description ("… code sha256:<hex>") and read from there.
import CloudBase from '@cloudbase/manager-node';
import path from 'node:path';
import type { Desired, DesiredFunction, EnvironmentState, FunctionState, IndexState, Rule, TriggerState } from './desired';
import { moveYearClaims, yearClaimsToMove, type Database } from './migrate';
import { LEGACY_CLAIMS, type Action, type Plan } from './plan';

/** The runtime the functions are built for (scripts/build.ts targets node20). */
const RUNTIME = 'Nodejs20.19';

export interface Credentials {
  secretId: string;
  secretKey: string;
  token?: string;
}

export function connect(envId: string, credentials: Credentials): CloudBase {
  return new CloudBase({ envId, secretId: credentials.secretId, secretKey: credentials.secretKey, token: credentials.token });
}

const description = (fn: DesiredFunction) => `工会服务 ${fn.name} · code sha256:${fn.codeHash}`;
const hashIn = (text: string | undefined) => text?.match(/code sha256:([0-9a-f]{64})/)?.[1] ?? null;

function parseRule(text: unknown): Rule | null {
  if (typeof text !== 'string' || !text) return null;
  try {
    return JSON.parse(text) as Rule;
  } catch {
    return null;
  }
}

/** A timer's cron as GetFunction reports it: the cron itself or {"cron": "..."}. */
function cronOf(desc: string | undefined): string {
  const text = (desc ?? '').trim();
  try {
    const parsed = JSON.parse(text) as { cron?: string };
    if (parsed && typeof parsed.cron === 'string') return parsed.cron.trim();
  } catch {
    // not JSON: the cron itself
  }
  return text;
}

async function allFunctionNames(app: CloudBase): Promise<Set<string>> {
  const names = new Set<string>();
  for (let offset = 0; ; offset += 100) {
    const page = await app.functions.listFunctions(100, offset);
    for (const f of page) names.add(f.FunctionName);
    if (page.length < 100) return names;
  }
}

/** Reads the parts of the environment the plan compares, for the declared collections and functions, and
 *  the year claims still to move when the claims era's collection is there. */
export async function readActual(app: CloudBase, db: Database, envId: string, desired: Desired): Promise<EnvironmentState> {
  const state: EnvironmentState = { collections: {}, storageRule: null, functions: {} };
  const listed = await app.database.listCollections({ MgoLimit: 1000, MgoOffset: 0 });
  const existing = new Set(listed.Collections.map((c) => c.CollectionName));
  if (existing.has(LEGACY_CLAIMS)) state.yearClaimsToMove = await yearClaimsToMove(db);
  for (const name of existing) {
    if (!desired.collections.some((c) => c.name === name)) {
      state.collections[name] = { indexes: [], rule: null };
      continue;
    }
    const info = await app.database.describeCollection(name);
    const indexes: IndexState[] = (info.Indexes ?? []).map((ix) => ({
      name: ix.Name,
      keys: (ix.Keys ?? []).map((k) => [k.Name ?? '', Number(k.Direction) === -1 ? -1 : 1] as [string, 1 | -1]),
      unique: ix.Unique === true,
    }));
    const rule = await app.commonService().call({ Action: 'DescribeSafeRule', Param: { CollectionName: name, EnvId: envId } });
    const seed = desired.collections.find((c) => c.name === name)!.seed;
    state.collections[name] = { indexes, rule: rule?.AclTag === 'CUSTOM' ? parseRule(rule.Rule) : null, ...(seed.length && { seeded: await seededVersions(app, name, seed.map((d) => d._id)) }) };
  }
  const storage = (await app.storage.getStorageAcl({ withRule: true })) as { acl: string; rule?: Rule };
  state.storageRule = storage.acl === 'CUSTOM' ? storage.rule ?? null : null;

  const functions = await allFunctionNames(app);
  for (const name of functions) {
    if (!desired.functions.some((f) => f.name === name)) {
      state.functions[name] = { codeHash: null, timeout: 0, memorySize: null, envVariables: {}, triggers: [] };
      continue;
    }
    const d = await app.functions.getFunctionDetail(name);
    const triggers: TriggerState[] = (d.Triggers ?? [])
      .filter((t) => t.Type === 'timer')
      .map((t) => ({ name: t.TriggerName || t.Name, type: 'timer', config: cronOf(t.TriggerDesc || t.Config) }));
    const fn: FunctionState = {
      codeHash: hashIn(d.Description),
      timeout: d.Timeout,
      memorySize: d.MemorySize ?? null,
      envVariables: Object.fromEntries((d.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
      triggers,
    };
    state.functions[name] = fn;
  }
  return state;
}

/** A document-database command through the RunCommands API (tcb db nosql execute), its result parsed. */
async function runCommand(app: CloudBase, table: string, type: 'QUERY' | 'INSERT' | 'UPDATE', command: object): Promise<unknown[]> {
  const res = await app.database.runCommands({ MgoCommands: [{ TableName: table, CommandType: type, Command: JSON.stringify(command) }] });
  return (res.Data ?? []).flatMap((d) => {
    const parsed = JSON.parse(d) as unknown;
    return Array.isArray(parsed) ? parsed.map((x) => (typeof x === 'string' ? JSON.parse(x) : x)) : [parsed];
  });
}

/** The stored seedVersion of each of the seed documents `ids` that the collection holds. */
async function seededVersions(app: CloudBase, collection: string, ids: string[]): Promise<Record<string, number | null>> {
  const found = (await runCommand(app, collection, 'QUERY', { find: collection, filter: { _id: { $in: ids } }, projection: { _id: 1, seedVersion: 1 } })) as { _id: string; seedVersion?: number }[];
  return Object.fromEntries(found.map((d) => [d._id, typeof d.seedVersion === 'number' ? d.seedVersion : null]));
}

const mgoIndex = (ix: IndexState) => ({
  IndexName: ix.name,
  MgoKeySchema: { MgoIndexKeys: ix.keys.map(([f, d]) => ({ Name: f, Direction: String(d) })), MgoIsUnique: ix.unique },
});

/** Applies a plan in order: collections, indexes and rules, the storage rule, the year claims moved, then
 *  functions, then the year claims the old code took meanwhile. */
export async function applyPlan(app: CloudBase, db: Database, envId: string, plan: Plan, desired: Desired, actual: EnvironmentState, log: (line: string) => void): Promise<void> {
  const fnOf = (name: string) => desired.functions.find((f) => f.name === name)!;
  const settings = (fn: DesiredFunction) => ({
    name: fn.name,
    timeout: fn.timeout,
    ...(fn.memorySize ? { memorySize: fn.memorySize } : {}),
    // declared variables over the deployed ones: deploy drops nothing
    envVariables: { ...(actual.functions[fn.name]?.envVariables ?? {}), ...fn.envVariables },
    description: description(fn),
  });
  const byKind = <K extends Action['kind']>(kind: K) => plan.actions.filter((a): a is Extract<Action, { kind: K }> => a.kind === kind);

  for (const a of byKind('createCollection')) {
    await app.database.createCollectionIfNotExists(a.collection);
    log(`created collection ${a.collection}`);
  }
  const indexActions = [...byKind('createIndex'), ...byKind('replaceIndex')];
  for (const collection of [...new Set(indexActions.map((a) => a.collection))]) {
    const indexes = indexActions.filter((a) => a.collection === collection).map((a) => a.index);
    // updateCollection drops an index of the same name before creating it: that is the replacement
    await app.database.updateCollection(collection, { CreateIndexes: indexes.map(mgoIndex) });
    log(`indexes of ${collection}: ${indexes.map((i) => i.name).join(', ')}`);
  }
  for (const a of byKind('setCollectionRule')) {
    await app.commonService().call({ Action: 'ModifySafeRule', Param: { CollectionName: a.collection, EnvId: envId, AclTag: 'CUSTOM', Rule: JSON.stringify(a.rule) } });
    log(`rule of ${a.collection} set`);
  }
  for (const a of byKind('seedDocuments')) {
    if (a.insert.length) await runCommand(app, a.collection, 'INSERT', { insert: a.collection, documents: a.insert });
    if (a.replace.length) await runCommand(app, a.collection, 'UPDATE', { update: a.collection, updates: a.replace.map((d) => ({ q: { _id: d._id }, u: d, upsert: true })) });
    log(`seed documents of ${a.collection}: ${[...a.insert, ...a.replace].map((d) => d._id).join(', ')}`);
  }
  for (const a of byKind('setStorageRule')) {
    await app.storage.setStorageAcl('CUSTOM', a.rule as never);
    log('storage rule set');
  }

  const moveClaims = async () => {
    const { moved, held } = await moveYearClaims(db);
    log(`year claims moved into their applications: ${moved}`);
    for (const h of held) log(`year claim ${h} NOT moved: another application holds it now; settle the two by hand`);
  };
  const claimsToMove = byKind('moveYearClaims').length > 0;
  // before the functions: the new code must never meet a claim only in `claims`
  if (claimsToMove) await moveClaims();

  const functionRootPath = (fn: DesiredFunction) => path.dirname(fn.dir);
  for (const a of byKind('createFunction')) {
    const fn = fnOf(a.fn);
    await app.functions.createFunction({ func: { ...settings(fn), runtime: RUNTIME, installDependency: true, triggers: [] }, functionRootPath: functionRootPath(fn), force: false });
    log(`created function ${fn.name}`);
  }
  const touched = new Set([...byKind('updateFunctionCode'), ...byKind('updateFunctionConfig')].map((a) => a.fn));
  for (const name of touched) {
    const fn = fnOf(name);
    if (byKind('updateFunctionCode').some((a) => a.fn === name)) {
      await app.functions.updateFunctionCode({ func: { name, runtime: RUNTIME, installDependency: true }, functionRootPath: functionRootPath(fn) });
      await app.functions.waitFunctionActive(name);
      log(`code of ${name} updated`);
    }
    // the settings carry the code hash in the description, so they follow every code update
    await app.functions.updateFunctionConfig(settings(fn));
    await app.functions.waitFunctionActive(name);
    log(`settings of ${name} updated`);
  }
  for (const a of byKind('replaceTrigger')) {
    await app.functions.deleteFunctionTrigger(a.fn, a.trigger.name);
    await app.functions.createFunctionTriggers(a.fn, [a.trigger]);
    log(`timer ${a.fn}.${a.trigger.name} replaced`);
  }
  for (const a of byKind('createTrigger')) {
    await app.functions.createFunctionTriggers(a.fn, [a.trigger]);
    log(`timer ${a.fn}.${a.trigger.name} created`);
  }
  // and after: a claim the old code took while the functions were being updated
  if (claimsToMove) await moveClaims();
}
