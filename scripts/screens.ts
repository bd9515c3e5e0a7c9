// `npm run screens`: every page of the mini-program drawn in Chromium as its demo person (test/screens/), at
// WeChat's standard font and at 关怀模式, into dist/screens/ (the localcloud console's 页面 shows them): PNGs, index.html to browse them,
// summary.txt with the large-print figures counted, figures.json with every measurement. Runs test/screens/
// screens.run.ts in its own jest (miniprogram-simulate needs jest's jsdom); `npm run screens` builds first.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.resolve(process.env.SCREENS_OUT ?? path.join(ROOT, 'dist/screens'));

const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/jest/bin/jest.js'), '--config', path.join(ROOT, 'test/screens/jest.config.js')], {
  cwd: ROOT,
  env: { ...process.env, SCREENS_OUT: OUT },
  stdio: 'inherit',
});
const summary = path.join(OUT, 'summary.txt');
if (run.status !== 0 || !fs.existsSync(summary)) {
  console.error(`npm run screens failed (exit ${run.status})`);
  process.exit(1);
}
console.log(`\n${fs.readFileSync(summary, 'utf8')}\nscreens: ${path.join(OUT, 'index.html')}`);
