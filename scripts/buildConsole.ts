// The localcloud console's browser app (localcloud/console/) into dist/localcloud/console/: app.js (Preact,
// bundled and minified by esbuild), app.css, index.html, and contract.json, the schema of every action's
// input for the call form (consoleContract.ts).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { consoleContract } from './consoleContract';

export async function buildConsole(root: string, functions: string[]): Promise<void> {
  const src = path.join(root, 'localcloud/console');
  const out = path.join(root, 'dist/localcloud/console');
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const [, contract] = await Promise.all([
    build({
      entryPoints: [path.join(src, 'main.tsx')],
      outfile: path.join(out, 'app.js'),
      bundle: true,
      minify: true,
      platform: 'browser',
      target: 'chrome110',
      format: 'iife',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      sourcemap: 'linked',
      logLevel: 'warning',
    }),
    consoleContract(root, functions),
  ]);
  fs.copyFileSync(path.join(src, 'index.html'), path.join(out, 'index.html'));
  fs.copyFileSync(path.join(src, 'styles.css'), path.join(out, 'app.css'));
  fs.writeFileSync(path.join(out, 'contract.json'), JSON.stringify(contract));
}
