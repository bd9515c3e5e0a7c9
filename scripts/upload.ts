// `npm run upload [-- --dry-run] [--version V] [--desc TEXT] [--key FILE] [--dir DIR]`
// Uploads the release build of the mini-program (dist/miniprogram-release, from `npm run build -- --release`)
// with miniprogram-ci, as a development version to be submitted for review in mp.weixin.qq.com. appid from
// project.config.json; the upload key (mp.weixin.qq.com > 开发管理 > 开发设置 > 小程序代码上传) and the version
// from --key / --version or MINIPROGRAM_PRIVATE_KEY_PATH / MINIPROGRAM_VERSION. Both check the package
// sizes against WeChat's limits first; --dry-run does only that, with no key and no network.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(__dirname, '..');
const MB = 1024 * 1024;
/** WeChat's limits for a mini-program with subpackages: the main package and each subpackage at most
 *  2 MB, all packages together at most 20 MB. */
export const LIMITS = { package: 2 * MB, total: 20 * MB };

export interface PackageSize {
  /** 主包 or the subpackage's root */
  name: string;
  bytes: number;
  limit: number;
}

class UploadInputError extends Error {}

function filesUnder(dir: string, rel = ''): { rel: string; bytes: number }[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? filesUnder(dir, r) : [{ rel: r, bytes: fs.statSync(path.join(dir, r)).size }];
  });
}

/** The size of the main package and of each subpackage declared in app.json, from the files on disk. */
export function packageSizes(dir: string): PackageSize[] {
  const appJson = path.join(dir, 'app.json');
  if (!fs.existsSync(appJson)) throw new UploadInputError(`${dir} holds no built mini-program (no app.json): run \`npm run build -- --release\` first`);
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as { subpackages?: { root: string }[]; subPackages?: { root: string }[] };
  const roots = (app.subpackages ?? app.subPackages ?? []).map((s) => s.root.replace(/^\/+|\/+$/g, ''));
  const sizes = new Map<string, number>([['主包', 0], ...roots.map((r) => [r, 0] as [string, number])]);
  for (const f of filesUnder(dir)) {
    const owner = roots.find((r) => f.rel.startsWith(`${r}/`)) ?? '主包';
    sizes.set(owner, sizes.get(owner)! + f.bytes);
  }
  return [...sizes].map(([name, bytes]) => ({ name, bytes, limit: LIMITS.package }));
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The size table and the limits it breaks (none when it fits). */
export function checkSizes(sizes: PackageSize[]): { table: string; problems: string[] } {
  const total = sizes.reduce((s, p) => s + p.bytes, 0);
  const rows = [...sizes, { name: '合计 total', bytes: total, limit: LIMITS.total }];
  const width = Math.max(...rows.map((r) => r.name.length)) + 2;
  const table = rows.map((r) => `  ${r.name.padEnd(width)}${kb(r.bytes).padStart(12)} of ${kb(r.limit).padStart(10)}  ${r.bytes > r.limit ? 'TOO BIG' : 'ok'}`).join('\n');
  const problems = rows.filter((r) => r.bytes > r.limit).map((r) => `${r.name} is ${kb(r.bytes)}, over WeChat's limit of ${kb(r.limit)}`);
  return { table, problems };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      dir: { type: 'string' },
      key: { type: 'string' },
      version: { type: 'string' },
      desc: { type: 'string' },
    },
    strict: true,
  });
  const dir = path.resolve(values.dir ?? path.join(ROOT, 'dist/miniprogram-release'));
  const { table, problems } = checkSizes(packageSizes(dir));
  console.log(`Package sizes of ${path.relative(process.cwd(), dir) || dir}:\n${table}`);
  if (problems.length) {
    console.error(`upload: ${problems.join('; ')}. Move pages into a subpackage or shrink what they bundle.`);
    return 1;
  }
  if (values['dry-run']) return 0;

  const { appid } = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { appid?: string };
  if (!appid || appid === 'touristappid') throw new UploadInputError('project.config.json: set "appid" to your mini-program\'s appid (mp.weixin.qq.com > 开发管理 > 开发设置)');
  const keyPath = values.key ?? process.env.MINIPROGRAM_PRIVATE_KEY_PATH;
  if (!keyPath || !fs.existsSync(keyPath)) {
    throw new UploadInputError(`the upload key ${keyPath ? `${keyPath} does not exist` : 'is not given'}: download it in mp.weixin.qq.com > 开发管理 > 开发设置 > 小程序代码上传 and pass --key FILE or MINIPROGRAM_PRIVATE_KEY_PATH`);
  }
  const version = values.version ?? process.env.MINIPROGRAM_VERSION;
  if (!version) throw new UploadInputError('the version is not given: pass --version 1.2.0 or MINIPROGRAM_VERSION');
  const envJs = path.join(dir, 'services/env.js');
  if (fs.existsSync(envJs) && fs.readFileSync(envJs, 'utf8').includes('your-cloudbase-env-id')) {
    throw new UploadInputError('miniprogram/services/env.ts still has the placeholder cloudEnv: put your CloudBase environment id there and run `npm run build -- --release`');
  }

  const ci = await import('miniprogram-ci');
  const project = new ci.Project({ appid, type: 'miniProgram', projectPath: dir, privateKeyPath: keyPath, ignores: ['node_modules/**/*'] });
  const result = await ci.upload({
    project,
    version,
    desc: values.desc ?? `工会服务 ${version}`,
    setting: { es6: true, minify: true },
    onProgressUpdate: (task) => {
      if (typeof task === 'string') console.log(`  ${task}`);
    },
  });
  console.log(`Uploaded ${version} as a development version: submit it for review in mp.weixin.qq.com > 版本管理.`);
  for (const p of result.subPackageInfo ?? []) console.log(`  ${p.name}: ${kb(p.size)} (as WeChat counts it)`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      if (e instanceof UploadInputError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`upload: ${(e as Error).message}`);
      else console.error('upload failed:', e);
      process.exit(2);
    },
  );
}
