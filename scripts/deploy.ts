// `npm run deploy -- --env ENV_ID [--dry-run] [--actual FILE] [--env-file FILE] [--root DIR]`
// Reads what the repository declares (scripts/deploy/desired.ts), what the environment holds, prints the
// plan (scripts/deploy/plan.ts) and applies it (scripts/deploy/cloud.ts). Every input is checked before
// anything changes. --dry-run uses no network and no credentials: it plans against --actual FILE (a JSON
// EnvironmentState) or, without one, against a fresh environment.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, parseEnv } from 'node:util';
import { DeployInputError, Desired, EnvironmentState, readDesired } from './deploy/desired';
import { formatPlan, planDeploy } from './deploy/plan';

const USAGE = 'usage: npm run deploy -- --env ENV_ID [--dry-run] [--actual STATE.json] [--env-file FILE]';

function readEnvFile(file: string, explicit: boolean): Record<string, string> {
  if (!fs.existsSync(file)) {
    if (explicit) throw new DeployInputError(`env file ${file} does not exist`);
    return {};
  }
  return parseEnv(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

function readSnapshot(file: string): EnvironmentState {
  if (!fs.existsSync(file)) throw new DeployInputError(`--actual ${file} does not exist`);
  let state: Partial<EnvironmentState>;
  try {
    state = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<EnvironmentState>;
  } catch (e) {
    throw new DeployInputError(`--actual ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof state !== 'object' || state === null || typeof state.collections !== 'object' || typeof state.functions !== 'object') {
    throw new DeployInputError(`--actual ${file} must be {"collections": {...}, "storageRule": ..., "functions": {...}}`);
  }
  return { collections: state.collections!, storageRule: state.storageRule ?? null, functions: state.functions!, ...(typeof state.yearClaimsToMove === 'number' && { yearClaimsToMove: state.yearClaimsToMove }) };
}

/** Subscribe-message template ids still the local ones would make every message fail in WeChat. */
function localTemplateIds(root: string): string[] {
  const file = path.join(root, 'cloudbase/subscribe-templates.json');
  if (!fs.existsSync(file)) return [];
  const { templates } = JSON.parse(fs.readFileSync(file, 'utf8')) as { templates?: Record<string, { templateId?: string }> };
  return Object.entries(templates ?? {})
    .filter(([, t]) => !t.templateId || t.templateId.startsWith('local-'))
    .map(([name]) => name);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      env: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      actual: { type: 'string' },
      'env-file': { type: 'string' },
      root: { type: 'string' },
    },
    strict: true,
  });
  const root = path.resolve(values.root ?? path.join(__dirname, '..'));
  const dryRun = values['dry-run']!;
  const envId = values.env;
  if (!envId) throw new DeployInputError(`--env ENV_ID is required (the CloudBase environment id)\n${USAGE}`);
  if (values.actual && !dryRun) throw new DeployInputError('--actual is for --dry-run; a deploy reads the environment itself');

  const credentials = {
    secretId: process.env.TENCENTCLOUD_SECRETID ?? '',
    secretKey: process.env.TENCENTCLOUD_SECRETKEY ?? '',
    token: process.env.TENCENTCLOUD_SESSIONTOKEN || undefined,
  };
  if (!dryRun && (!credentials.secretId || !credentials.secretKey)) {
    throw new DeployInputError('TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY must be set: the API key pair of a sub-account with CloudBase permissions (see README, Deploying)');
  }
  const envFile = values['env-file'] ? path.resolve(values['env-file']) : path.join(root, '.env.deploy');
  const secretValues = { ...readEnvFile(envFile, Boolean(values['env-file'])), ...process.env };
  const { desired, missingSecrets } = readDesired({ root }, secretValues, dryRun);

  const localTemplates = localTemplateIds(root);
  const templateProblem = localTemplates.length
    ? `cloudbase/subscribe-templates.json still has local template ids for ${localTemplates.join(', ')}: put the ids of the templates you added in the WeChat console (mp.weixin.qq.com > 订阅消息) there and rebuild`
    : null;
  if (templateProblem && !dryRun) throw new DeployInputError(templateProblem);

  console.log(`Environment ${envId}: ${desired.collections.length} collections, ${desired.functions.length} functions (${desired.functions.map((f) => f.name).join(', ')})`);
  if (dryRun) {
    const actual = values.actual ? readSnapshot(path.resolve(values.actual)) : undefined;
    console.log(`Dry run against ${values.actual ? `the state in ${values.actual}` : 'a fresh environment'}: nothing is changed.`);
    const plan = planDeploy(desired, actual);
    console.log(formatPlan(plan, desired));
    if (missingSecrets.length) console.log(`Warning: no value for ${missingSecrets.join(', ')}; a deploy needs them (environment or ${values['env-file'] ?? path.relative(root, envFile)}).`);
    if (templateProblem) console.log(`Warning: ${templateProblem}.`);
    return plan.refusals.length ? 1 : 0;
  }
  return deploy(envId, credentials, desired);
}

async function deploy(envId: string, credentials: { secretId: string; secretKey: string; token?: string }, desired: Desired): Promise<number> {
  const { connect, readActual, applyPlan } = await import('./deploy/cloud');
  const { connectDatabase } = await import('./deploy/migrate');
  const app = connect(envId, credentials);
  const db = connectDatabase(envId, credentials);
  const actual = await readActual(app, db, envId, desired);
  const plan = planDeploy(desired, actual);
  console.log(formatPlan(plan, desired));
  if (plan.refusals.length) return 1;
  if (plan.actions.length === 0) return 0;
  await applyPlan(app, db, envId, plan, desired, actual, (line) => console.log(`  ✓ ${line}`));
  console.log('Done. Run it again: it should plan nothing.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof DeployInputError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`deploy: ${(e as Error).message}`);
    else console.error('deploy failed:', e);
    process.exit(2);
  },
);
