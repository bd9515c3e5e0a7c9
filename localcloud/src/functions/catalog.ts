// The deployed functions: every folder of the functions dir that holds an index.js, with its config.json
// in CloudBase's format ({ timeout, envVariables, triggers }).
import fs from 'node:fs';
import path from 'node:path';

/** CloudBase's default when config.json sets no timeout. */
export const DEFAULT_TIMEOUT_SECONDS = 3;

export interface TimerTrigger {
  name: string;
  /** 7 fields: second minute hour day month weekday year, in UTC+8 */
  config: string;
}

export interface FunctionDef {
  name: string;
  dir: string;
  entry: string;
  timeoutSeconds: number;
  envVariables: Record<string, string>;
  timers: TimerTrigger[];
}

interface ConfigJson {
  timeout?: number;
  envVariables?: Record<string, unknown>;
  triggers?: { name?: string; type?: string; config?: string }[];
}

function readConfig(dir: string): ConfigJson {
  const file = path.join(dir, 'config.json');
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ConfigJson;
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

function toDef(name: string, dir: string): FunctionDef {
  const config = readConfig(dir);
  const timeout = config.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  if (!(typeof timeout === 'number' && timeout > 0)) throw new Error(`${dir}/config.json: timeout must be a positive number of seconds`);
  const timers = (config.triggers ?? []).filter((t) => t.type === 'timer');
  for (const t of timers) {
    if (!t.name || !t.config) throw new Error(`${dir}/config.json: a timer trigger needs a name and a config (cron)`);
  }
  return {
    name,
    dir,
    entry: path.join(dir, 'index.js'),
    timeoutSeconds: timeout,
    envVariables: Object.fromEntries(Object.entries(config.envVariables ?? {}).map(([k, v]) => [k, String(v)])),
    timers: timers.map((t) => ({ name: t.name!, config: t.config! })),
  };
}

export function loadFunctions(functionsDir: string): Map<string, FunctionDef> {
  const defs = new Map<string, FunctionDef>();
  if (!fs.existsSync(functionsDir)) return defs;
  for (const d of fs.readdirSync(functionsDir, { withFileTypes: true })) {
    const dir = path.join(functionsDir, d.name);
    if (d.isDirectory() && fs.existsSync(path.join(dir, 'index.js'))) defs.set(d.name, toDef(d.name, dir));
  }
  return defs;
}
