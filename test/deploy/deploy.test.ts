// `npm run deploy` as a developer runs it (tsx, a child process), on a fixture repository in a temp dir:
// dry-run plans need no network and no credentials; bad input stops before anything changes.
import fs from 'node:fs';
import path from 'node:path';
import { readDesired, stateOf } from '../../scripts/deploy/desired';
import { COLLECTIONS, key, makeRepo, ROOT, runScript, write } from './fixture';

jest.setTimeout(120_000);

let repo: string;
const secrets = { PERSONAL_DATA_KEY: key(), PERSONAL_DATA_HASH_KEY: key() };
const deploy = (args: string[], env: Record<string, string> = {}) => runScript('deploy', ['--root', repo, ...args], env);

beforeAll(async () => {
  repo = await makeRepo();
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

/** A copy of the fixture repo with one file changed, for one bad-input case. */
async function variant(change: (dir: string) => void): Promise<string> {
  const dir = fs.mkdtempSync(path.join(path.dirname(repo), 'deploy-variant-'));
  fs.cpSync(repo, dir, { recursive: true });
  change(dir);
  return dir;
}

describe('deploy --dry-run', () => {
  test('a fresh environment: everything is created, without credentials or secrets, nothing shown that is secret', () => {
    const r = deploy(['--env', 'union-prod-1a2b', '--dry-run']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Environment union-prod-1a2b: 2 collections, 2 functions (alpha, beta)');
    expect(r.stdout).toContain('Dry run against a fresh environment: nothing is changed.');
    expect(r.stdout).toContain('Plan: 10 changes');
    for (const line of [
      '+ create collection members',
      '+ create index members.openid_1 (openid asc, unique)',
      '+ set rule of members to {"read":false,"write":false}',
      '+ create collection outbox',
      '+ create index outbox.status_dueAt (status asc, dueAt asc)',
      '+ set storage rule to {"read":false,"write":"resource.openid == auth.openid && /^uploads\\\\/[^\\\\/]+\\\\//.test(resource.path) == true"}',
      '+ create timer beta.daily (0 0 9 * * * *)',
    ]) {
      expect(r.stdout).toContain(line);
    }
    expect(r.stdout).toMatch(/\+ create function alpha \(timeout 10s, env REGION, PERSONAL_DATA_KEY \(secret\), PERSONAL_DATA_HASH_KEY \(secret\), code [0-9a-f]{12}\)/);
    expect(r.stdout).toMatch(/\+ create function beta \(timeout 20s, memory 512 MB, code [0-9a-f]{12}\)/);
    expect(r.stdout).toContain('Warning: no value for PERSONAL_DATA_HASH_KEY, PERSONAL_DATA_KEY; a deploy needs them (environment or .env.deploy).');
  });

  test('an optional secret without a value is left unset; with one it is deployed', () => {
    expect(deploy(['--env', 'e', '--dry-run'], secrets).stdout).not.toContain('MP_APPID');
    const r = deploy(['--env', 'e', '--dry-run'], { ...secrets, MP_APPID: 'wx1234567890abcdef' });
    expect(r.stdout).toMatch(/\+ create function beta \(timeout 20s, memory 512 MB, env MP_APPID \(secret\), code [0-9a-f]{12}\)/);
    expect(r.stdout).not.toContain('wx1234567890abcdef');
  });

  test('an up-to-date environment (a snapshot equal to the repository) plans nothing', async () => {
    const snapshot = path.join(repo, 'actual.json');
    write(snapshot, stateOf(readDesired({ root: repo }, secrets).desired));
    const r = deploy(['--env', 'e', '--dry-run', '--actual', snapshot], secrets);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Dry run against the state in ${snapshot}`);
    expect(r.stdout).toContain('Nothing to do: the environment matches the repository.');
    expect(r.stdout).not.toContain(secrets.PERSONAL_DATA_KEY);
  });

  test('partial drift: a missing index, a changed timeout and a function not yet deployed', () => {
    const state = stateOf(readDesired({ root: repo }, secrets).desired);
    state.collections.outbox.indexes = [];
    state.functions.alpha.timeout = 3;
    delete state.functions.beta;
    const snapshot = path.join(repo, 'drift.json');
    write(snapshot, state);
    const r = deploy(['--env', 'e', '--dry-run', '--actual', snapshot], secrets);
    expect(r.status).toBe(0);
    const plan = r.stdout.split('\n').filter((l) => l.startsWith('  + '));
    expect(plan).toEqual([
      '  + create index outbox.status_dueAt (status asc, dueAt asc)',
      '  + update settings of alpha: timeout 3s → 10s',
      expect.stringMatching(/^ {2}\+ create function beta \(timeout 20s, memory 512 MB, code [0-9a-f]{12}\)$/),
      '  + create timer beta.daily (0 0 9 * * * *)',
    ]);
  });

  test('a snapshot of the claims era: its year claims still to move are planned', () => {
    const state = { ...stateOf(readDesired({ root: repo }, secrets).desired), yearClaimsToMove: 2 };
    state.collections.claims = { indexes: [], rule: null };
    const snapshot = path.join(repo, 'claims-era.json');
    write(snapshot, state);
    const r = deploy(['--env', 'e', '--dry-run', '--actual', snapshot], secrets);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('  + '))).toEqual([
      "  + move 2 year claims from collection claims into their applications' duplicateKey (before the functions are updated, and again after)",
    ]);
  });

  test('a rebuilt function with new code is updated; a deployed personal-data key that differs is refused (exit 1)', async () => {
    const state = stateOf(readDesired({ root: repo }, secrets).desired);
    state.functions.alpha.codeHash = '0'.repeat(64);
    state.functions.alpha.envVariables.PERSONAL_DATA_KEY = key();
    const snapshot = path.join(repo, 'rotated.json');
    write(snapshot, state);
    const r = deploy(['--env', 'e', '--dry-run', '--actual', snapshot], secrets);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('+ update code of alpha');
    expect(r.stdout).toContain('! function alpha: the deployed PERSONAL_DATA_KEY differs from yours');
    expect(r.stdout).not.toContain(state.functions.alpha.envVariables.PERSONAL_DATA_KEY);
  });

  test('secrets may come from an untracked env file', () => {
    const envFile = path.join(repo, 'my.env');
    write(envFile, `PERSONAL_DATA_KEY=${secrets.PERSONAL_DATA_KEY}\nPERSONAL_DATA_HASH_KEY=${secrets.PERSONAL_DATA_HASH_KEY}\n`);
    const r = deploy(['--env', 'e', '--dry-run', '--env-file', envFile]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('Warning: no value');
  });

  test('the repository itself, as built by `npm run build`', () => {
    const r = runScript('deploy', ['--env', 'e', '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const declared = JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbase/collections.json'), 'utf8')) as typeof COLLECTIONS;
    for (const c of declared.collections) expect(r.stdout).toContain(`+ create collection ${c.name}\n`);
    for (const name of fs.readdirSync(path.join(ROOT, 'cloudfunctions')).filter((n) => fs.existsSync(path.join(ROOT, 'cloudfunctions', n, 'index.ts')))) {
      expect(r.stdout).toContain(`+ create function ${name} (`);
    }
  });
});

describe('deploy refuses bad input before changing anything', () => {
  const fake = { TENCENTCLOUD_SECRETID: 'AKIDfake', TENCENTCLOUD_SECRETKEY: 'fake' };

  test.each([
    ['no --env', ['--dry-run'], {}, /--env ENV_ID is required/],
    ['no credentials', ['--env', 'e'], secrets, /TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY must be set/],
    ['a missing secret (before any network)', ['--env', 'e'], fake, /missing secrets \(set in the environment or in the env file\):\n {2}PERSONAL_DATA_HASH_KEY: HMAC key.*\n {2}PERSONAL_DATA_KEY: AES-256-GCM key/],
    ['a key that is not 32 bytes', ['--env', 'e', '--dry-run'], { PERSONAL_DATA_KEY: 'c2hvcnQ=', PERSONAL_DATA_HASH_KEY: key() }, /PERSONAL_DATA_KEY must be 32 bytes/],
    ['an unknown flag', ['--env', 'e', '--dry-run', '--force'], {}, /Unknown option '--force'/],
  ])('%s', (_what, args, env, message) => {
    const r = deploy(args as string[], env as Record<string, string>);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stdout).toBe('');
  });

  test.each([
    ['malformed collections.json', (d: string) => write(path.join(d, 'cloudbase/collections.json'), '{"collections": [{"name": "members", '), /cloudbase\/collections.json is not valid JSON/],
    [
      'an index for an undeclared collection',
      (d: string) => write(path.join(d, 'cloudbase/collections.json'), { collections: [{ name: 'members', indexes: [{ name: 'x_1', collection: 'memberz', keys: [['x', 1]] }] }] }),
      /index "x_1" inside "members" is for an undeclared collection "memberz"/,
    ],
    ['indexes outside any collection', (d: string) => write(path.join(d, 'cloudbase/collections.json'), { ...COLLECTIONS, indexes: [{ collection: 'cases', name: 'y' }] }), /unknown top-level "indexes"; indexes belong inside their collection/],
    ['an index with bad keys', (d: string) => write(path.join(d, 'cloudbase/collections.json'), { collections: [{ name: 'members', indexes: [{ name: 'x', keys: [['x', 2]] }] }] }), /members.indexes\[0\].keys entries must be \[field, 1 \| -1\]/],
    [
      'a function without a build',
      (d: string) => write(path.join(d, 'cloudfunctions/gamma/index.ts'), 'export const main = async () => 1;\n'),
      /no build of function gamma in dist\/cloudfunctions: run `npm run build -- --release` first/,
    ],
    ['a timer with a bad cron', (d: string) => editConfig(d, 'beta', { triggers: [{ name: 'daily', type: 'timer', config: '0 0 25 * * *' }] }), /cloudfunctions\/beta\/config.json: timer trigger "daily" has a bad cron "0 0 25 \* \* \*"/],
    ['a secret nobody declared', (d: string) => editConfig(d, 'beta', { secrets: ['API_TOKEN'] }), /cloudfunctions\/beta\/config.json: secret "API_TOKEN" is not declared in cloudbase\/secrets.json/],
    [
      'a build that reads a secret its config does not list',
      (d: string) => write(path.join(d, 'dist/cloudfunctions/beta/index.js'), 'exports.main = async () => process.env.MP_SECRET;\n'),
      /function beta reads MP_SECRET \(found in its build\) but cloudfunctions\/beta\/config.json does not list it under "secrets"/,
    ],
  ])('%s', async (_what, change, message) => {
    const dir = await variant(change as (d: string) => void);
    try {
      const r = runScript('deploy', ['--root', dir, '--env', 'e', '--dry-run'], secrets);
      expect(r.stderr).toMatch(message as RegExp);
      expect(r.status).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a deploy (not a dry run) refuses local subscribe-template ids before connecting', async () => {
    const dir = await variant((d) => write(path.join(d, 'cloudbase/subscribe-templates.json'), { templates: { notice: { templateId: 'local-tmpl-notice' } } }));
    try {
      const r = runScript('deploy', ['--root', dir, '--env', 'e'], { ...secrets, ...fake });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('cloudbase/subscribe-templates.json still has local template ids for notice');
      const dry = runScript('deploy', ['--root', dir, '--env', 'e', '--dry-run'], secrets);
      expect(dry.status).toBe(0);
      expect(dry.stdout).toContain('Warning: cloudbase/subscribe-templates.json still has local template ids for notice');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Changes a function's config.json in the source and in its build, as a rebuild would. */
function editConfig(dir: string, fn: string, change: Record<string, unknown>): void {
  for (const file of [path.join(dir, 'cloudfunctions', fn, 'config.json'), path.join(dir, 'dist/cloudfunctions', fn, 'config.json')]) {
    write(file, { ...JSON.parse(fs.readFileSync(file, 'utf8')), ...change });
  }
}
