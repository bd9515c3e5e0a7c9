// `npm run build`: everything the tests and `npm start` run, into dist/ (git-ignored).
// - dist/localcloud/: the local cloud (main.js and its function worker) and its console (console/, see
//   buildConsole.ts)
// - dist/cloudfunctions/NAME/: each function bundled into one self-contained deployable folder whose one
//   runtime dependency is wx-server-sdk; folders starting with `_` hold shared code, bundled in
// - dist/miniprogram/: the mini-program in local mode, for miniprogram-simulate and WeChat DevTools;
//   with --release also dist/miniprogram-release/, the one to upload (see buildMiniprogram.ts)
import { build, BuildOptions } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { buildConsole } from './buildConsole';
import { buildMiniprogram } from './buildMiniprogram';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const node: BuildOptions = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'inline', logLevel: 'warning' };

/** The functions of a repository (this one by default): folders of cloudfunctions/ with an index.ts. */
export function functionNames(root = ROOT): string[] {
  const dir = path.join(root, 'cloudfunctions');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(dir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

async function buildLocalcloud(): Promise<void> {
  const src = path.join(ROOT, 'localcloud/src');
  const entryPoints = ['main.ts', 'functions/worker.ts']
    .map((f) => path.join(src, f))
    .filter((f) => fs.existsSync(f));
  await build({ ...node, entryPoints, outdir: path.join(DIST, 'localcloud'), packages: 'external', entryNames: '[name]' });
  await buildConsole(ROOT, functionNames());
}

/**
 * Bundles one function folder (index.ts, optional config.json) into `outDir` as CloudBase deploys it:
 * index.js, package.json naming wx-server-sdk as the one dependency, config.json. The tests build their
 * fixture functions with this same step.
 */
export async function buildFunction(srcDir: string, outDir: string): Promise<void> {
  const name = path.basename(srcDir);
  fs.rmSync(outDir, { recursive: true, force: true });
  await build({ ...node, sourcemap: false, entryPoints: [path.join(srcDir, 'index.ts')], outfile: path.join(outDir, 'index.js'), external: ['wx-server-sdk'] });
  const pkg = { name, version: rootPkg.version, private: true, main: 'index.js', dependencies: { 'wx-server-sdk': rootPkg.dependencies['wx-server-sdk'] } };
  fs.writeFileSync(path.join(outDir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  const config = path.join(srcDir, 'config.json');
  if (fs.existsSync(config)) fs.copyFileSync(config, path.join(outDir, 'config.json'));
}

async function main(): Promise<void> {
  const t0 = Date.now();
  await Promise.all([buildLocalcloud(), ...functionNames().map((n) => buildFunction(path.join(ROOT, 'cloudfunctions', n), path.join(DIST, 'cloudfunctions', n))), buildMiniprogram({ release: false }), ...(process.argv.includes('--release') ? [buildMiniprogram({ release: true })] : [])]);
  console.log(`built localcloud, ${functionNames().length} functions and the mini-program into dist/ in ${Date.now() - t0} ms`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
