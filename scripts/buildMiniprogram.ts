// The mini-program build: miniprogram/ → dist/miniprogram (local mode, what tests and WeChat DevTools open) or,
// with `release`, dist/miniprogram-release (what gets uploaded: no local gateway, no developer panel).
// - Each .ts file becomes a .js file beside its page files. Imports between mini-program files stay require()s;
//   code from outside miniprogram/ (the typings' label tables, the shared domain validators) is bundled in,
//   because the mini-program package can only contain files under its own root.
// - TDesign: the components the pages use (usingComponents "/miniprogram_npm/tdesign-miniprogram/X/X"), and
//   what they use in turn, are copied from node_modules with their ES modules turned into CommonJS, so the same
//   files run in DevTools and under miniprogram-simulate (jest requires them as plain CommonJS).
import { build, Plugin, transform } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'miniprogram');
const TDESIGN_SRC = path.join(ROOT, 'node_modules/tdesign-miniprogram/miniprogram_dist');
const TDESIGN_PATH = '/miniprogram_npm/tdesign-miniprogram/';
/** The gateway `npm start` serves; the developer panel and localcloud demo data only exist in local mode. */
const LOCAL_GATEWAY = 'http://127.0.0.1:8787';
/** Folders (relative to miniprogram/) left out of release builds. */
const DEV_ONLY = ['pages/dev'];

export interface MiniprogramBuild {
  release: boolean;
}

export function miniprogramOutDir({ release }: MiniprogramBuild): string {
  return path.join(ROOT, 'dist', release ? 'miniprogram-release' : 'miniprogram');
}

const isDevOnly = (rel: string) => DEV_ONLY.some((d) => rel === d || rel.startsWith(d + '/'));

/** Keeps `import './x'` between mini-program files as a require; anything outside miniprogram/ is bundled. */
const keepMiniprogramImports: Plugin = {
  name: 'keep-miniprogram-imports',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind === 'entry-point' || !args.importer.startsWith(SRC + path.sep)) return undefined;
      const target = path.resolve(args.resolveDir, args.path);
      return target.startsWith(SRC + path.sep) ? { path: args.path, external: true } : undefined;
    });
  },
};

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'miniprogram_npm') walk(p, out);
    } else out.push(p);
  }
  return out;
}

function writeFile(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** app.json without the pages of dev-only folders. */
function appJson(text: string, release: boolean): string {
  if (!release) return text;
  const app = JSON.parse(text) as { pages: string[] };
  app.pages = app.pages.filter((p) => !isDevOnly(p));
  return JSON.stringify(app, null, 2) + '\n';
}

/** The TDesign component folders named by usingComponents in the built mini-program. */
function usedTdesignFolders(out: string): Set<string> {
  const used = new Set<string>();
  for (const file of walk(out).filter((f) => f.endsWith('.json'))) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> };
    for (const target of Object.values(json.usingComponents ?? {})) {
      if (target.startsWith(TDESIGN_PATH)) used.add(target.slice(TDESIGN_PATH.length).split('/')[0]);
    }
  }
  return used;
}

/**
 * Copies the used TDesign folders and their dependencies (sibling folders named as `../X/` in any of their
 * files; packages from TDesign's own miniprogram_npm named by bare imports), turning .js into CommonJS.
 */
async function copyTdesign(out: string, release: boolean): Promise<void> {
  const folders = [...usedTdesignFolders(out)];
  if (!folders.length) return;
  const seen = new Set<string>();
  const packages = new Set<string>();
  const files: string[] = [];
  while (folders.length) {
    const folder = folders.pop()!;
    if (seen.has(folder)) continue;
    seen.add(folder);
    for (const file of walk(path.join(TDESIGN_SRC, folder)).filter((f) => !f.endsWith('.d.ts'))) {
      files.push(file);
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\.\.\/([a-z0-9-]+)\//g)) folders.push(m[1]);
      if (file.endsWith('.js')) {
        for (const m of text.matchAll(/(?:from|import|require\()\s*"([a-z@][^"./]*)/g)) packages.add(m[1]);
      }
    }
  }
  for (const pkg of packages) files.push(...walk(path.join(TDESIGN_SRC, 'miniprogram_npm', pkg)));
  const dest = path.join(out, TDESIGN_PATH);
  await Promise.all(
    files.map(async (file) => {
      const target = path.join(dest, path.relative(TDESIGN_SRC, file));
      if (!file.endsWith('.js')) return writeFile(target, fs.readFileSync(file));
      const { code } = await transform(fs.readFileSync(file, 'utf8'), { format: 'cjs', target: 'es2018', minify: release, logLevel: 'warning' });
      writeFile(target, code);
    }),
  );
}

/** Builds the mini-program; returns the output folder. */
export async function buildMiniprogram({ release }: MiniprogramBuild): Promise<string> {
  const out = miniprogramOutDir({ release });
  fs.rmSync(out, { recursive: true, force: true });
  const tsFiles: string[] = [];
  for (const file of walk(SRC)) {
    const rel = path.relative(SRC, file).split(path.sep).join('/');
    if (file.endsWith('.d.ts') || rel === 'tsconfig.json' || (release && isDevOnly(rel))) continue;
    if (file.endsWith('.ts')) tsFiles.push(file);
    else if (rel === 'app.json') writeFile(path.join(out, rel), appJson(fs.readFileSync(file, 'utf8'), release));
    else writeFile(path.join(out, rel), fs.readFileSync(file));
  }
  await build({
    entryPoints: tsFiles,
    outdir: out,
    outbase: SRC,
    bundle: true,
    plugins: [keepMiniprogramImports],
    format: 'cjs',
    platform: 'neutral',
    mainFields: ['main', 'module'],
    target: 'es2018',
    minify: release,
    define: { __LOCAL_GATEWAY__: JSON.stringify(release ? null : LOCAL_GATEWAY) },
    logLevel: 'warning',
  });
  await copyTdesign(out, release);
  return out;
}
