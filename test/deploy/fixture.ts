// A small repository for the deploy and upload scripts: cloudbase/ declarations, two functions built with
// the project's own build step, and a way to run a script as the developer does (tsx, a child process).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFunction } from '../../scripts/build';

export const ROOT = path.resolve(__dirname, '../..');

export const key = () => randomBytes(32).toString('base64');

export function write(file: string, content: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2));
}

export const COLLECTIONS = {
  collections: [
    { name: 'members', indexes: [{ name: 'openid_1', keys: [['openid', 1]], unique: true }] },
    { name: 'outbox', indexes: [{ name: 'status_dueAt', keys: [['status', 1], ['dueAt', 1]] }] },
  ],
};

const FUNCTIONS: Record<string, { index: string; config: unknown }> = {
  alpha: {
    index: "export const main = async () => ({ ok: Boolean(process.env.PERSONAL_DATA_KEY && process.env.PERSONAL_DATA_HASH_KEY) });\n",
    config: { timeout: 10, envVariables: { REGION: 'cn' }, secrets: ['PERSONAL_DATA_KEY', 'PERSONAL_DATA_HASH_KEY'] },
  },
  beta: {
    // MP_APPID is optional (cloudbase/secrets.json): the function runs without it
    index: 'export const main = async () => ({ ok: true, account: Boolean(process.env.MP_APPID) });\n',
    config: { timeout: 20, memorySize: 512, secrets: ['MP_APPID'], triggers: [{ name: 'daily', type: 'timer', config: '0 0 9 * * * *' }] },
  },
};

/** A fresh fixture repository in a temp dir, its functions built into dist/cloudfunctions. */
export async function makeRepo(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-'));
  write(path.join(dir, 'cloudbase/collections.json'), COLLECTIONS);
  for (const f of ['security-rules.json', 'secrets.json']) fs.copyFileSync(path.join(ROOT, 'cloudbase', f), path.join(dir, 'cloudbase', f));
  write(path.join(dir, 'cloudbase/subscribe-templates.json'), { templates: { notice: { templateId: 'tmpl-from-console' } } });
  for (const [name, f] of Object.entries(FUNCTIONS)) {
    write(path.join(dir, 'cloudfunctions', name, 'index.ts'), f.index);
    write(path.join(dir, 'cloudfunctions', name, 'config.json'), f.config);
  }
  await buildAll(dir);
  return dir;
}

export async function buildAll(dir: string): Promise<void> {
  for (const name of fs.readdirSync(path.join(dir, 'cloudfunctions'))) {
    await buildFunction(path.join(dir, 'cloudfunctions', name), path.join(dir, 'dist/cloudfunctions', name));
  }
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/NAME.ts with tsx, without any Tencent Cloud credentials unless given in `env`. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}): Run {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TENCENTCLOUD_') && !k.startsWith('PERSONAL_DATA_') && !k.startsWith('MP_') && !k.startsWith('MINIPROGRAM_')));
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts', `${script}.ts`), ...args], { cwd: ROOT, env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
