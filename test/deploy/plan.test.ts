// The deploy planner is a pure function of (desired, actual): these tests give it states, no I/O.
import type { Desired, DesiredFunction, EnvironmentState } from '../../scripts/deploy/desired';
import { stateOf } from '../../scripts/deploy/desired';
import { formatPlan, planDeploy } from '../../scripts/deploy/plan';

const fn = (name: string, over: Partial<DesiredFunction> = {}): DesiredFunction => ({
  name,
  dir: `/repo/dist/cloudfunctions/${name}`,
  codeHash: `${name.padEnd(8, '0')}${'a'.repeat(56)}`,
  timeout: 10,
  memorySize: null,
  envVariables: {},
  triggers: [],
  secretNames: [],
  pinnedNames: [],
  unresolved: [],
  ...over,
});

const desired: Desired = {
  collections: [
    { name: 'members', indexes: [{ name: 'openid_1', keys: [['openid', 1]], unique: true }], seed: [] },
    { name: 'cases', indexes: [{ name: 'org_created', keys: [['orgPath', 1], ['createdAt', -1]], unique: false }], seed: [] },
  ],
  collectionRule: { read: false, write: false },
  storageRule: { read: false, write: 'resource.openid == auth.openid' },
  functions: [
    fn('members', { envVariables: { PERSONAL_DATA_KEY: 'k1', PERSONAL_DATA_HASH_KEY: 'k2' }, secretNames: ['PERSONAL_DATA_HASH_KEY', 'PERSONAL_DATA_KEY'], pinnedNames: ['PERSONAL_DATA_HASH_KEY', 'PERSONAL_DATA_KEY'] }),
    fn('cases', { timeout: 20, memorySize: 512, triggers: [{ name: 'dailyOverdue', type: 'timer', config: '0 0 9 * * * *' }] }),
  ],
};

const clone = (s: EnvironmentState): EnvironmentState => JSON.parse(JSON.stringify(s));

describe('planDeploy', () => {
  test('a fresh environment: every collection, index and rule, the storage rule, every function and timer', () => {
    const plan = planDeploy(desired);
    expect(plan.actions).toEqual([
      { kind: 'createCollection', collection: 'members' },
      { kind: 'createIndex', collection: 'members', index: desired.collections[0].indexes[0] },
      { kind: 'setCollectionRule', collection: 'members', rule: { read: false, write: false } },
      { kind: 'createCollection', collection: 'cases' },
      { kind: 'createIndex', collection: 'cases', index: desired.collections[1].indexes[0] },
      { kind: 'setCollectionRule', collection: 'cases', rule: { read: false, write: false } },
      { kind: 'setStorageRule', rule: desired.storageRule },
      { kind: 'createFunction', fn: 'members' },
      { kind: 'createFunction', fn: 'cases' },
      { kind: 'createTrigger', fn: 'cases', trigger: { name: 'dailyOverdue', type: 'timer', config: '0 0 9 * * * *' } },
    ]);
    expect(plan.notes).toEqual([]);
    expect(plan.refusals).toEqual([]);
    const text = formatPlan(plan, desired);
    expect(text).toContain('Plan: 10 changes');
    expect(text).toContain('create function members (timeout 10s, env PERSONAL_DATA_KEY (secret), PERSONAL_DATA_HASH_KEY (secret)');
    expect(text).not.toContain('k1');
  });

  test('seed documents: the missing inserted, those of a lower seedVersion replaced, the others left alone', () => {
    const kinds = { name: 'serviceKinds', indexes: [], seed: [{ _id: 'a', seedVersion: 2, label: 'A' }, { _id: 'b', seedVersion: 1 }, { _id: 'c', seedVersion: 1 }] };
    const seeded: Desired = { ...desired, collections: [...desired.collections, kinds] };
    const fresh = planDeploy(seeded).actions.filter((a) => a.kind === 'seedDocuments');
    expect(fresh).toEqual([{ kind: 'seedDocuments', collection: 'serviceKinds', insert: kinds.seed, replace: [] }]);
    const actual = clone(stateOf(seeded));
    expect(planDeploy(seeded, actual).actions).toEqual([]);
    actual.collections.serviceKinds.seeded = { a: 1, c: 1 };
    const plan = planDeploy(seeded, actual);
    expect(plan.actions).toEqual([{ kind: 'seedDocuments', collection: 'serviceKinds', insert: [kinds.seed[1]], replace: [kinds.seed[0]] }]);
    expect(formatPlan(plan, seeded)).toContain('seed serviceKinds: insert b; replace a (newer seedVersion)');
  });

  test('an up-to-date environment plans nothing', () => {
    const plan = planDeploy(desired, stateOf(desired));
    expect(plan).toEqual({ actions: [], notes: [], refusals: [] });
    expect(formatPlan(plan, desired)).toBe('Nothing to do: the environment matches the repository.');
  });

  test('drift: a missing index, a changed index, a changed timeout and memory, new code, a moved timer, a missing function', () => {
    const actual = clone(stateOf(desired));
    actual.collections.members.indexes = [];
    actual.collections.cases.indexes[0].keys = [['orgPath', 1]];
    actual.functions.cases.timeout = 3;
    actual.functions.cases.memorySize = 256;
    actual.functions.cases.triggers[0].config = '0 0 8 * * * *';
    actual.functions.members.codeHash = 'old';
    delete actual.functions.hello;
    const withHello: Desired = { ...desired, functions: [...desired.functions, fn('hello', { timeout: 3 })] };
    const plan = planDeploy(withHello, actual);
    expect(plan.actions).toEqual([
      { kind: 'createIndex', collection: 'members', index: desired.collections[0].indexes[0] },
      { kind: 'replaceIndex', collection: 'cases', index: desired.collections[1].indexes[0], was: { name: 'org_created', keys: [['orgPath', 1]], unique: false } },
      { kind: 'updateFunctionCode', fn: 'members' },
      { kind: 'updateFunctionConfig', fn: 'cases', changes: ['timeout 3s → 20s', 'memory 256 MB → 512 MB'] },
      { kind: 'replaceTrigger', fn: 'cases', trigger: { name: 'dailyOverdue', type: 'timer', config: '0 0 9 * * * *' } },
      { kind: 'createFunction', fn: 'hello' },
    ]);
    expect(plan.refusals).toEqual([]);
  });

  test('drops nothing: what the repository does not declare is a note', () => {
    const actual = clone(stateOf(desired));
    actual.collections.members.indexes.push({ name: 'legacy', keys: [['name', 1]], unique: false }, { name: '_id_', keys: [['_id', 1]], unique: false });
    actual.collections.old = { indexes: [], rule: null };
    actual.functions.members.envVariables.DEBUG = '1';
    actual.functions.cases.triggers.push({ name: 'hourly', type: 'timer', config: '0 0 * * * * *' });
    actual.functions.retired = { codeHash: null, timeout: 3, memorySize: 256, envVariables: {}, triggers: [] };
    const plan = planDeploy(desired, actual);
    expect(plan.actions).toEqual([]);
    expect(plan.notes).toEqual([
      'collection members: index legacy (name asc) is not declared; left in place',
      'collection old is not declared; left in place',
      'function members: environment variable DEBUG is not declared; left in place',
      'function cases: trigger hourly (0 0 * * * * *) is not declared; left in place (it still fires: delete it in the console if it should not)',
      'function retired is not in the repository; left in place',
    ]);
  });

  test('the claims era: its year claims still to move are moved, and its claims collection is left, said so', () => {
    const actual = clone(stateOf(desired));
    actual.collections.claims = { indexes: [], rule: null };
    actual.yearClaimsToMove = 3;
    const plan = planDeploy(desired, actual);
    expect(plan.actions).toEqual([{ kind: 'moveYearClaims', claims: 3 }]);
    const text = formatPlan(plan, desired);
    expect(text).toContain("  + move 3 year claims from collection claims into their applications' duplicateKey (before the functions are updated, and again after)");
    expect(text).toContain('  - collection claims is no longer used (year claims are held by their applications); left in place: delete it in the console once a deploy has moved its claims');
    // once moved, only the note
    actual.yearClaimsToMove = 0;
    expect(planDeploy(desired, actual)).toMatchObject({ actions: [], notes: [expect.stringContaining('collection claims is no longer used')] });
  });

  test('rules: a collection whose rule differs, or a storage bucket without one, gets the declared rule', () => {
    const actual = clone(stateOf(desired));
    actual.collections.cases.rule = { read: true, write: false };
    actual.storageRule = null;
    expect(planDeploy(desired, actual).actions).toEqual([
      { kind: 'setCollectionRule', collection: 'cases', rule: { read: false, write: false } },
      { kind: 'setStorageRule', rule: desired.storageRule },
    ]);
  });

  test('secrets: set when missing, named but never shown; a pinned key that differs is refused', () => {
    const actual = clone(stateOf(desired));
    delete actual.functions.members.envVariables.PERSONAL_DATA_HASH_KEY;
    let plan = planDeploy(desired, actual);
    expect(plan.actions).toEqual([{ kind: 'updateFunctionConfig', fn: 'members', changes: ['set PERSONAL_DATA_HASH_KEY (secret)'] }]);
    expect(formatPlan(plan, desired)).not.toMatch(/k1|k2/);

    actual.functions.members.envVariables.PERSONAL_DATA_KEY = 'another key';
    plan = planDeploy(desired, actual);
    expect(plan.refusals).toEqual([expect.stringContaining('function members: the deployed PERSONAL_DATA_KEY differs from yours')]);
    expect(formatPlan(plan, desired)).toContain('Refused (nothing will be changed)');
    expect(formatPlan(plan, desired)).not.toContain('another key');
  });

  test('a dry run without a secret keeps the deployed value and asks for one only where none is deployed', () => {
    const unresolved: Desired = {
      ...desired,
      functions: desired.functions.map((f) => (f.name === 'members' ? { ...f, envVariables: { PERSONAL_DATA_KEY: '<PERSONAL_DATA_KEY>', PERSONAL_DATA_HASH_KEY: 'k2' }, unresolved: ['PERSONAL_DATA_KEY'] } : f)),
    };
    expect(planDeploy(unresolved, stateOf(desired)).actions).toEqual([]);
    const actual = clone(stateOf(desired));
    delete actual.functions.members.envVariables.PERSONAL_DATA_KEY;
    expect(planDeploy(unresolved, actual).actions).toEqual([{ kind: 'updateFunctionConfig', fn: 'members', changes: ['set PERSONAL_DATA_KEY (secret: no value given, needed to deploy)'] }]);
  });

  test('a plain environment variable shows its old and new value', () => {
    const withEnv: Desired = { ...desired, functions: [fn('hello', { envVariables: { REGION: 'cn' } })] };
    const actual = clone(stateOf(withEnv));
    actual.functions.hello.envVariables.REGION = 'hk';
    expect(planDeploy(withEnv, actual).actions).toEqual([{ kind: 'updateFunctionConfig', fn: 'hello', changes: ['REGION "hk" → "cn"'] }]);
  });
});
