// `npm run upload -- --dry-run`: the package sizes against WeChat's limits, no key, no network.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScript, write } from './fixture';

jest.setTimeout(60_000);

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-'));
  write(path.join(dir, 'app.json'), { pages: ['pages/index/index'], subpackages: [{ root: 'admin', pages: ['list/index'] }, { root: 'reports/', pages: ['year/index'] }] });
  write(path.join(dir, 'pages/index/index.js'), 'Page({});\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const bytes = (n: number) => randomBytes(n);

test('a size table of the main package, each subpackage and the total', () => {
  fs.writeFileSync(path.join(dir, 'pages/index/big.png'), bytes(300 * 1024));
  write(path.join(dir, 'admin/list/index.js'), bytes(100 * 1024));
  write(path.join(dir, 'reports/year/index.js'), bytes(50 * 1024));
  const r = runScript('upload', ['--dry-run', '--dir', dir]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const mainBytes = fs.statSync(path.join(dir, 'app.json')).size + fs.statSync(path.join(dir, 'pages/index/index.js')).size + 300 * 1024;
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  expect(r.stdout).toMatch(new RegExp(`主包\\s+${kb(mainBytes)} of\\s+2048.0 KB\\s+ok`));
  expect(r.stdout).toMatch(/admin\s+100.0 KB of\s+2048.0 KB\s+ok/);
  expect(r.stdout).toMatch(/reports\s+50.0 KB of\s+2048.0 KB\s+ok/);
  expect(r.stdout).toMatch(new RegExp(`合计 total\\s+${kb(mainBytes + 150 * 1024)} of\\s+20480.0 KB\\s+ok`));
});

test('an oversized subpackage fails the check, naming it, before anything is uploaded', () => {
  write(path.join(dir, 'admin/list/index.js'), bytes(2058 * 1024));
  const r = runScript('upload', ['--dry-run', '--dir', dir]);
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(/admin\s+2058.0 KB of\s+2048.0 KB\s+TOO BIG/);
  expect(r.stderr).toContain("upload: admin is 2058.0 KB, over WeChat's limit of 2048.0 KB");
});

test('a directory without a build says how to make one', () => {
  const r = runScript('upload', ['--dry-run', '--dir', path.join(dir, 'nothing')]);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('holds no built mini-program (no app.json): run `npm run build -- --release` first');
});

test('a real upload without a key or version is refused before connecting', () => {
  const r = runScript('upload', ['--dir', dir]);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/upload: (project.config.json: set "appid"|the upload key is not given)/);
});
