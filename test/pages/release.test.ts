// The release build (what gets uploaded) holds no local gateway, no developer panel and no demo identities,
// and every page and component it names is in it.
import fs from 'node:fs';
import path from 'node:path';
import { buildMiniprogram } from '../../scripts/buildMiniprogram';

let out = '';
const files: string[] = [];

beforeAll(async () => {
  out = await buildMiniprogram({ release: true });
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else files.push(path.relative(out, path.join(dir, e.name)));
    }
  };
  walk(out);
});

const read = (rel: string) => fs.readFileSync(path.join(out, rel), 'utf8');

test('no local gateway, developer panel or demo identity', () => {
  const app = JSON.parse(read('app.json'));
  expect(app.pages).not.toContain('pages/dev/index');
  expect(files.filter((f) => f.startsWith('pages/dev'))).toEqual([]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(require(path.join(out, 'services/env.js')).env.localGateway).toBeNull();
  const sources = files.filter((f) => /\.(js|json|wxml)$/.test(f) && !f.startsWith('miniprogram_npm/'));
  for (const f of sources) expect([f, read(f).includes('o-demo-') || read(f).includes('127.0.0.1')]).toEqual([f, false]);
});

test('every page, tab, subpackage page and used component is in the package', () => {
  const app = JSON.parse(read('app.json'));
  const pages: string[] = [...app.pages, ...app.subPackages.flatMap((p: { root: string; pages: string[] }) => p.pages.map((x) => `${p.root}/${x}`)), 'custom-tab-bar/index'];
  for (const tab of app.tabBar.list) expect(app.pages).toContain(tab.pagePath);
  for (const p of app.subPackages) for (const tab of app.tabBar.list) expect(tab.pagePath.startsWith(p.root + '/')).toBe(false);
  const missing: string[] = [];
  const seen = new Set<string>();
  const visit = (component: string) => {
    if (seen.has(component)) return;
    seen.add(component);
    for (const ext of ['js', 'json', 'wxml']) if (!files.includes(`${component}.${ext}`)) missing.push(`${component}.${ext}`);
    if (!files.includes(`${component}.json`)) return;
    const using: Record<string, string> = JSON.parse(read(`${component}.json`)).usingComponents ?? {};
    for (const target of Object.values(using)) visit(target.startsWith('/') ? target.slice(1) : path.join(path.dirname(component), target));
  };
  pages.forEach(visit);
  expect(missing).toEqual([]);
});
