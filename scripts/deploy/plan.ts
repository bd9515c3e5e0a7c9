// The deploy plan: a pure function of what the repository declares and what the environment holds. It
// creates and updates, never drops: an index, trigger, function or environment variable the repository does
// not declare is left in place and listed as a note. A collection's seed documents (the built-in service
// kinds) are written where missing or older (seedsToWrite); other documents are never touched but by one
// data step: in an environment deployed before year claims moved into applications, the claims are moved
// (scripts/deploy/migrate.ts) before the functions are updated. A pinned secret (the personal-data keys)
// that differs from the deployed one is refused: changing it would make every encrypted record unreadable.
import { seedsToWrite, type SeedDocument } from '../../localcloud/src/database/declarations';
import type { Desired, DesiredFunction, EnvironmentState, FunctionState, IndexState, Rule, TriggerState } from './desired';

export type Action =
  | { kind: 'createCollection'; collection: string }
  | { kind: 'createIndex'; collection: string; index: IndexState }
  | { kind: 'replaceIndex'; collection: string; index: IndexState; was: IndexState }
  | { kind: 'setCollectionRule'; collection: string; rule: Rule }
  /** seed documents to insert (missing) and to replace (stored at a lower seedVersion) */
  | { kind: 'seedDocuments'; collection: string; insert: SeedDocument[]; replace: SeedDocument[] }
  /** year claims of the claims era's `claims` collection moved into their applications (migrate.ts) */
  | { kind: 'moveYearClaims'; claims: number }
  | { kind: 'setStorageRule'; rule: Rule }
  | { kind: 'createFunction'; fn: string }
  | { kind: 'updateFunctionCode'; fn: string }
  | { kind: 'updateFunctionConfig'; fn: string; changes: string[] }
  | { kind: 'createTrigger'; fn: string; trigger: TriggerState }
  | { kind: 'replaceTrigger'; fn: string; trigger: TriggerState };

export interface Plan {
  actions: Action[];
  /** what the environment has beyond the declaration, left in place */
  notes: string[];
  /** changes deploy will not make; any refusal stops the deploy before it starts */
  refusals: string[];
}

/** The claims era's collection of year claims, no longer declared: its claims are moved, it is left. */
export const LEGACY_CLAIMS = 'claims';

const EMPTY: EnvironmentState = { collections: {}, storageRule: null, functions: {} };

const sameKeys = (a: IndexState, b: IndexState) => a.unique === b.unique && JSON.stringify(a.keys) === JSON.stringify(b.keys);
const sameRule = (a: Rule | null, b: Rule) => a !== null && JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
const describeKeys = (ix: IndexState) => `${ix.keys.map(([f, d]) => `${f} ${d === 1 ? 'asc' : 'desc'}`).join(', ')}${ix.unique ? ', unique' : ''}`;

/** What must change in a function's settings, secrets named but never shown. */
function configChanges(want: DesiredFunction, have: FunctionState): { changes: string[]; refusals: string[] } {
  const changes: string[] = [];
  const refusals: string[] = [];
  if (want.timeout !== have.timeout) changes.push(`timeout ${have.timeout}s → ${want.timeout}s`);
  if (want.memorySize !== null && want.memorySize !== have.memorySize) changes.push(`memory ${have.memorySize ?? '?'} MB → ${want.memorySize} MB`);
  for (const [key, value] of Object.entries(want.envVariables).sort()) {
    const deployed = have.envVariables[key];
    const secret = want.secretNames.includes(key);
    if (want.unresolved.includes(key)) {
      if (deployed === undefined) changes.push(`set ${key} (secret: no value given, needed to deploy)`);
      continue;
    }
    if (deployed === value) continue;
    if (deployed !== undefined && want.pinnedNames.includes(key)) {
      refusals.push(`function ${want.name}: the deployed ${key} differs from yours. Changing it makes every record encrypted with it unreadable; use the deployed value (rotation needs a re-encryption first)`);
    } else if (secret) changes.push(`${deployed === undefined ? 'set' : 'change'} ${key} (secret)`);
    else changes.push(`${key} ${deployed === undefined ? '(unset)' : JSON.stringify(deployed)} → ${JSON.stringify(value)}`);
  }
  return { changes, refusals };
}

export function planDeploy(desired: Desired, actual: EnvironmentState = EMPTY): Plan {
  const actions: Action[] = [];
  const notes: string[] = [];
  const refusals: string[] = [];

  for (const c of desired.collections) {
    const have = actual.collections[c.name];
    if (!have) actions.push({ kind: 'createCollection', collection: c.name });
    for (const ix of c.indexes) {
      const was = have?.indexes.find((i) => i.name === ix.name);
      if (!was) actions.push({ kind: 'createIndex', collection: c.name, index: ix });
      else if (!sameKeys(was, ix)) actions.push({ kind: 'replaceIndex', collection: c.name, index: ix, was });
    }
    for (const extra of have?.indexes.filter((i) => i.name !== '_id_' && !c.indexes.some((ix) => ix.name === i.name)) ?? []) {
      notes.push(`collection ${c.name}: index ${extra.name} (${describeKeys(extra)}) is not declared; left in place`);
    }
    if (!sameRule(have?.rule ?? null, desired.collectionRule)) actions.push({ kind: 'setCollectionRule', collection: c.name, rule: desired.collectionRule });
    const seeded = new Map(Object.entries(have?.seeded ?? {}));
    const toWrite = seedsToWrite(c.seed, seeded);
    if (toWrite.length) {
      actions.push({ kind: 'seedDocuments', collection: c.name, insert: toWrite.filter((d) => !seeded.has(d._id)), replace: toWrite.filter((d) => seeded.has(d._id)) });
    }
  }
  for (const name of Object.keys(actual.collections).filter((n) => !desired.collections.some((c) => c.name === n)).sort()) {
    if (name === LEGACY_CLAIMS) notes.push(`collection ${name} is no longer used (year claims are held by their applications); left in place: delete it in the console once a deploy has moved its claims`);
    else notes.push(`collection ${name} is not declared; left in place`);
  }
  if (actual.yearClaimsToMove) actions.push({ kind: 'moveYearClaims', claims: actual.yearClaimsToMove });
  if (!sameRule(actual.storageRule, desired.storageRule)) actions.push({ kind: 'setStorageRule', rule: desired.storageRule });

  for (const fn of desired.functions) {
    const have = actual.functions[fn.name];
    if (!have) {
      actions.push({ kind: 'createFunction', fn: fn.name });
      for (const t of fn.triggers) actions.push({ kind: 'createTrigger', fn: fn.name, trigger: t });
      continue;
    }
    if (have.codeHash !== fn.codeHash) actions.push({ kind: 'updateFunctionCode', fn: fn.name });
    const { changes, refusals: refused } = configChanges(fn, have);
    refusals.push(...refused);
    if (changes.length) actions.push({ kind: 'updateFunctionConfig', fn: fn.name, changes });
    for (const t of fn.triggers) {
      const was = have.triggers.find((x) => x.name === t.name);
      if (!was) actions.push({ kind: 'createTrigger', fn: fn.name, trigger: t });
      else if (was.type !== t.type || was.config !== t.config) actions.push({ kind: 'replaceTrigger', fn: fn.name, trigger: t });
    }
    for (const extra of have.triggers.filter((x) => !fn.triggers.some((t) => t.name === x.name))) {
      notes.push(`function ${fn.name}: trigger ${extra.name} (${extra.config}) is not declared; left in place (it still fires: delete it in the console if it should not)`);
    }
    for (const key of Object.keys(have.envVariables).filter((k) => !(k in fn.envVariables)).sort()) {
      notes.push(`function ${fn.name}: environment variable ${key} is not declared; left in place`);
    }
  }
  for (const name of Object.keys(actual.functions).filter((n) => !desired.functions.some((f) => f.name === n)).sort()) {
    notes.push(`function ${name} is not in the repository; left in place`);
  }
  return { actions, notes, refusals };
}

function describe(a: Action, desired: Desired): string {
  switch (a.kind) {
    case 'createCollection':
      return `create collection ${a.collection}`;
    case 'createIndex':
      return `create index ${a.collection}.${a.index.name} (${describeKeys(a.index)})`;
    case 'replaceIndex':
      return `replace index ${a.collection}.${a.index.name} (${describeKeys(a.was)} → ${describeKeys(a.index)})`;
    case 'setCollectionRule':
      return `set rule of ${a.collection} to ${JSON.stringify(a.rule)}`;
    case 'setStorageRule':
      return `set storage rule to ${JSON.stringify(a.rule)}`;
    case 'moveYearClaims':
      return `move ${a.claims} year claim${a.claims > 1 ? 's' : ''} from collection ${LEGACY_CLAIMS} into their applications' duplicateKey (before the functions are updated, and again after)`;
    case 'seedDocuments': {
      const ids = (docs: SeedDocument[]) => docs.map((d) => d._id).join(', ');
      return `seed ${a.collection}: ${[a.insert.length ? `insert ${ids(a.insert)}` : '', a.replace.length ? `replace ${ids(a.replace)} (newer seedVersion)` : ''].filter(Boolean).join('; ')}`;
    }
    case 'createFunction': {
      const f = desired.functions.find((x) => x.name === a.fn)!;
      const env = Object.keys(f.envVariables).map((k) => (f.secretNames.includes(k) ? `${k} (secret)` : k));
      return `create function ${a.fn} (timeout ${f.timeout}s${f.memorySize ? `, memory ${f.memorySize} MB` : ''}${env.length ? `, env ${env.join(', ')}` : ''}, code ${f.codeHash?.slice(0, 12)})`;
    }
    case 'updateFunctionCode':
      return `update code of ${a.fn} (→ ${desired.functions.find((x) => x.name === a.fn)!.codeHash?.slice(0, 12)})`;
    case 'updateFunctionConfig':
      return `update settings of ${a.fn}: ${a.changes.join('; ')}`;
    case 'createTrigger':
      return `create timer ${a.fn}.${a.trigger.name} (${a.trigger.config})`;
    case 'replaceTrigger':
      return `replace timer ${a.fn}.${a.trigger.name} (→ ${a.trigger.config})`;
  }
}

/** The plan as printed: one line per action, then notes and refusals. Never shows a secret's value. */
export function formatPlan(plan: Plan, desired: Desired): string {
  const lines: string[] = [];
  if (plan.actions.length === 0) lines.push('Nothing to do: the environment matches the repository.');
  else {
    lines.push(`Plan: ${plan.actions.length} change${plan.actions.length > 1 ? 's' : ''}`);
    for (const a of plan.actions) lines.push(`  + ${describe(a, desired)}`);
  }
  if (plan.notes.length) {
    lines.push('Notes:');
    for (const n of plan.notes) lines.push(`  - ${n}`);
  }
  if (plan.refusals.length) {
    lines.push('Refused (nothing will be changed):');
    for (const r of plan.refusals) lines.push(`  ! ${r}`);
  }
  return lines.join('\n');
}
