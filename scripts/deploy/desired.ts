// What the environment should hold, read from the repository: the collections and indexes of
// cloudbase/collections.json (the file localcloud reads), the client rules of cloudbase/security-rules.json,
// and every function of cloudfunctions/ as built into dist/cloudfunctions/NAME with its config.json
// (timeout, memorySize, envVariables, timer triggers, the secrets it needs). Nothing here touches the network.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readDeclarations, CollectionDeclaration } from '../../localcloud/src/database/declarations';
import { loadFunctions, DEFAULT_TIMEOUT_SECONDS } from '../../localcloud/src/functions/catalog';
import { nextFireTime } from '../../localcloud/src/functions/cron';
import { functionNames } from '../build';
import { loadKeys } from '../../cloudfunctions/_shared/personalData';

/** A mistake in the repository or the deployer's input: reported as it is, before anything changes. */
export class DeployInputError extends Error {}

/** A client security rule: operation → boolean or expression. */
export type Rule = Record<string, boolean | string>;

export interface IndexState {
  name: string;
  keys: [string, 1 | -1][];
  unique: boolean;
}

export interface TriggerState {
  name: string;
  type: 'timer';
  /** 7-field cron, UTC+8 */
  config: string;
}

export interface FunctionState {
  /** sha256 of the built folder's code (everything but config.json); null when unknown */
  codeHash: string | null;
  timeout: number;
  /** MB; null: the platform's default (desired) or unknown (actual) */
  memorySize: number | null;
  envVariables: Record<string, string>;
  triggers: TriggerState[];
}

/** The comparable state of an environment; also the format of a --actual snapshot file. `seeded`: of the
 *  declared seed documents, those stored, by id, with their seedVersion (null: stored without one). */
export interface EnvironmentState {
  collections: Record<string, { indexes: IndexState[]; rule: Rule | null; seeded?: Record<string, number | null> }>;
  storageRule: Rule | null;
  functions: Record<string, FunctionState>;
  /** year claims still only in the claims era's `claims` collection (scripts/deploy/migrate.ts); absent: none */
  yearClaimsToMove?: number;
}

export interface DesiredFunction extends FunctionState {
  name: string;
  /** the built folder deployed as the function's code */
  dir: string;
  /** names among envVariables whose values are secrets: never printed */
  secretNames: string[];
  /** secrets a deployed value of which may never be changed by deploy */
  pinnedNames: string[];
  /** secrets without a value (a dry run without them): planned as "keep the deployed value, or set one" */
  unresolved: string[];
}

export interface Desired {
  collections: CollectionDeclaration[];
  collectionRule: Rule;
  storageRule: Rule;
  functions: DesiredFunction[];
}

export interface RepoPaths {
  /** the repository root: cloudbase/ and cloudfunctions/ are read from it */
  root: string;
  /** where the built functions are (default ROOT/dist/cloudfunctions) */
  distFunctions?: string;
}

interface SecretDeclaration {
  description: string;
  pinned: boolean;
  /** a function works without it (and says what is missing when it is needed) */
  optional: boolean;
  default?: string;
}

const BUILD_HINT = 'run `npm run build -- --release` first';

function readJson(file: string, name = file): unknown {
  if (!fs.existsSync(file)) throw new DeployInputError(`${name} is missing`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DeployInputError(`${name} is not valid JSON: ${(e as Error).message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readRule(file: string, value: unknown, where: string): Rule {
  if (!isObject(value) || Object.keys(value).length === 0) throw new DeployInputError(`${file}: ${where} must be an object of operation → true, false or an expression`);
  for (const [op, v] of Object.entries(value)) {
    if (typeof v !== 'boolean' && typeof v !== 'string') throw new DeployInputError(`${file}: ${where}.${op} must be true, false or an expression string`);
  }
  return value as Rule;
}

/** collections.json as localcloud reads it, plus what a deploy must not accept: duplicate names, indexes
 *  outside a declared collection. */
export function readCollections(path_: string, rel: (f: string) => string = (f) => f): CollectionDeclaration[] {
  const file = rel(path_);
  const root = readJson(path_, file);
  if (!isObject(root)) throw new DeployInputError(`${file}: must be an object with "collections"`);
  const extra = Object.keys(root).filter((k) => k !== 'collections' && !k.startsWith('$'));
  if (extra.length) {
    throw new DeployInputError(`${file}: unknown top-level ${extra.map((k) => `"${k}"`).join(', ')}; indexes belong inside their collection ({"name", "indexes": [...]})`);
  }
  let collections: CollectionDeclaration[];
  try {
    collections = readDeclarations(path_);
  } catch (e) {
    throw new DeployInputError((e as Error).message.replace(path_, file));
  }
  const seen = new Set<string>();
  for (const c of collections) {
    if (seen.has(c.name)) throw new DeployInputError(`${file}: collection "${c.name}" is declared twice`);
    seen.add(c.name);
    const names = new Set<string>();
    for (const ix of c.indexes) {
      if (names.has(ix.name)) throw new DeployInputError(`${file}: collection "${c.name}" declares index "${ix.name}" twice`);
      names.add(ix.name);
    }
  }
  // An index entry may name its collection ({"collection": ...}); it must be the one it sits in.
  const raw = (root.collections as unknown[]).filter(isObject);
  for (const c of raw) {
    for (const ix of Array.isArray(c.indexes) ? c.indexes.filter(isObject) : []) {
      if (ix.collection !== undefined && ix.collection !== c.name) {
        const known = seen.has(String(ix.collection)) ? 'another collection' : 'an undeclared collection';
        throw new DeployInputError(`${file}: index "${String(ix.name)}" inside "${String(c.name)}" is for ${known} "${String(ix.collection)}"`);
      }
    }
  }
  return collections;
}

export function readSecurityRules(path_: string, rel: (f: string) => string = (f) => f): { collections: Rule; storage: Rule } {
  const file = rel(path_);
  const root = readJson(path_, file);
  if (!isObject(root)) throw new DeployInputError(`${file}: must be an object with "collections" and "storage"`);
  return { collections: readRule(file, root.collections, 'collections'), storage: readRule(file, root.storage, 'storage') };
}

export function readSecretDeclarations(path_: string, rel: (f: string) => string = (f) => f): Map<string, SecretDeclaration> {
  const file = rel(path_);
  const root = readJson(path_, file);
  if (!isObject(root) || !isObject(root.secrets)) throw new DeployInputError(`${file}: must be an object with "secrets"`);
  const out = new Map<string, SecretDeclaration>();
  for (const [name, d] of Object.entries(root.secrets)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name) || !isObject(d) || typeof d.description !== 'string') {
      throw new DeployInputError(`${file}: secrets.${name} must be an UPPER_CASE name with a "description"`);
    }
    out.set(name, { description: d.description, pinned: d.pinned === true, optional: d.optional === true, default: typeof d.default === 'string' ? d.default : undefined });
  }
  return out;
}

/** sha256 over the relative path and bytes of every file of a built function but its config.json. */
export function codeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(r);
      } else if (r !== 'config.json') {
        hash.update(r).update('\0').update(fs.readFileSync(path.join(dir, r))).update('\0');
      }
    }
  };
  walk('');
  return hash.digest('hex');
}

interface DeployConfig {
  memorySize?: unknown;
  secrets?: unknown;
  triggers?: { name?: string; type?: string; config?: string }[];
}

/**
 * Reads everything the environment should hold. `secretValues` gives each secret's value (from the deployer's
 * environment or env file); a secret a function needs without a value is an error unless `placeholders` is
 * set (a dry run without secrets plans with placeholders and says so).
 */
export function readDesired(paths: RepoPaths, secretValues: Record<string, string | undefined>, placeholders = false): { desired: Desired; missingSecrets: string[] } {
  const { root } = paths;
  const rel = (file: string) => path.relative(root, file) || file;
  const distFunctions = paths.distFunctions ?? path.join(root, 'dist/cloudfunctions');
  const collections = readCollections(path.join(root, 'cloudbase/collections.json'), rel);
  const rules = readSecurityRules(path.join(root, 'cloudbase/security-rules.json'), rel);
  const secretsFile = path.join(root, 'cloudbase/secrets.json');
  const declared = readSecretDeclarations(secretsFile, rel);

  const names = functionNames(root);
  const unbuilt = names.filter((n) => !fs.existsSync(path.join(distFunctions, n, 'index.js')));
  if (unbuilt.length) {
    throw new DeployInputError(`no build of function${unbuilt.length > 1 ? 's' : ''} ${unbuilt.join(', ')} in ${rel(distFunctions)}: ${BUILD_HINT}`);
  }
  const stale = names.filter((n) => {
    const src = path.join(root, 'cloudfunctions', n, 'config.json');
    const built = path.join(distFunctions, n, 'config.json');
    return fs.existsSync(src) && (!fs.existsSync(built) || fs.readFileSync(src, 'utf8') !== fs.readFileSync(built, 'utf8'));
  });
  if (stale.length) throw new DeployInputError(`the build of ${stale.join(', ')} is older than its config.json: ${BUILD_HINT}`);

  let catalog: ReturnType<typeof loadFunctions>;
  try {
    catalog = loadFunctions(distFunctions);
  } catch (e) {
    throw new DeployInputError((e as Error).message);
  }
  const missing = new Set<string>();
  const unresolvedOf = new Map<string, string[]>();
  const functions = names.map((name): DesiredFunction => {
    const def = catalog.get(name)!;
    const dir = path.join(distFunctions, name);
    const configFile = rel(path.join(root, 'cloudfunctions', name, 'config.json'));
    const configPath = path.join(root, configFile);
    const config = (fs.existsSync(configPath) ? readJson(configPath) : {}) as DeployConfig;

    const triggers = (config.triggers ?? []).map((t): TriggerState => {
      if (t.type !== 'timer') throw new DeployInputError(`${configFile}: trigger "${t.name}" has type "${t.type}"; only timer triggers are deployed`);
      try {
        nextFireTime(t.config!, new Date());
      } catch (e) {
        throw new DeployInputError(`${configFile}: timer trigger "${t.name}" has a bad cron "${t.config}": ${(e as Error).message}`);
      }
      return { name: t.name!, type: 'timer', config: t.config!.trim() };
    });

    let memorySize: number | null = null;
    if (config.memorySize !== undefined) {
      if (typeof config.memorySize !== 'number' || ![128, 256, 512, 1024, 2048, 3072].includes(config.memorySize)) {
        throw new DeployInputError(`${configFile}: memorySize must be one of 128, 256, 512, 1024, 2048, 3072 (MB)`);
      }
      memorySize = config.memorySize;
    }

    const secretNames = config.secrets ?? [];
    if (!Array.isArray(secretNames) || !secretNames.every((s) => typeof s === 'string')) throw new DeployInputError(`${configFile}: "secrets" must be a list of names`);
    for (const s of secretNames) {
      if (!declared.has(s)) throw new DeployInputError(`${configFile}: secret "${s}" is not declared in ${rel(secretsFile)}`);
      if (s in def.envVariables) throw new DeployInputError(`${configFile}: "${s}" is a secret: remove it from envVariables (secrets are never committed)`);
    }
    // The declaration decides; the build is checked against it so a function cannot start without its key.
    const bundle = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    const undeclared = [...declared.keys()].filter((s) => !secretNames.includes(s) && new RegExp(`\\b${s}\\b`).test(bundle));
    if (undeclared.length) {
      throw new DeployInputError(`function ${name} reads ${undeclared.join(', ')} (found in its build) but ${configFile} does not list ${undeclared.length > 1 ? 'them' : 'it'} under "secrets"`);
    }

    const envVariables = { ...def.envVariables };
    for (const s of secretNames) {
      const value = secretValues[s] ?? declared.get(s)!.default;
      if ((value === undefined || value === '') && declared.get(s)!.optional) continue;
      if (value === undefined || value === '') {
        missing.add(s);
        envVariables[s] = `<${s}>`;
        unresolvedOf.set(name, [...(unresolvedOf.get(name) ?? []), s]);
      } else envVariables[s] = value;
    }
    return {
      name,
      dir,
      codeHash: codeHash(dir),
      timeout: def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      memorySize,
      envVariables,
      triggers,
      secretNames: [...secretNames].sort(),
      pinnedNames: secretNames.filter((s) => declared.get(s)!.pinned).sort(),
      unresolved: unresolvedOf.get(name) ?? [],
    };
  });

  const missingSecrets = [...missing].sort();
  if (missingSecrets.length && !placeholders) {
    const lines = missingSecrets.map((s) => `  ${s}: ${declared.get(s)!.description}`);
    throw new DeployInputError(`missing secret${missingSecrets.length > 1 ? 's' : ''} (set in the environment or in the env file):\n${lines.join('\n')}`);
  }
  const keyNames = ['PERSONAL_DATA_KEY', 'PERSONAL_DATA_HASH_KEY'];
  if (keyNames.some((k) => secretValues[k]) && !missingSecrets.some((s) => keyNames.includes(s))) {
    try {
      loadKeys(secretValues);
    } catch (e) {
      throw new DeployInputError((e as Error).message.replace("in the function's environment", ''));
    }
  }
  return { desired: { collections, collectionRule: rules.collections, storageRule: rules.storage, functions }, missingSecrets };
}

/** The state an environment has once `desired` is applied: what a second run compares against. */
export function stateOf(desired: Desired): EnvironmentState {
  return {
    collections: Object.fromEntries(
      desired.collections.map((c) => [
        c.name,
        { indexes: c.indexes.map((ix) => ({ ...ix })), rule: desired.collectionRule, ...(c.seed.length && { seeded: Object.fromEntries(c.seed.map((d) => [d._id, d.seedVersion ?? null])) }) },
      ]),
    ),
    storageRule: desired.storageRule,
    functions: Object.fromEntries(
      desired.functions.map((f) => [f.name, { codeHash: f.codeHash, timeout: f.timeout, memorySize: f.memorySize, envVariables: { ...f.envVariables }, triggers: f.triggers.map((t) => ({ ...t })) }]),
    ),
  };
}
