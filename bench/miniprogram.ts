// The mini-program's costs: the release build's package sizes against WeChat's limits (the computation
// `npm run upload -- --dry-run` prints, scripts/upload.ts), and the largest setData each list page sends for
// its first 20 rows and for 加载更多, measured by bench/pages/setData.test.ts: the pages rendered under
// miniprogram-simulate against the real functions on localcloud. That runs in its own jest (miniprogram-simulate
// needs jest's jsdom environment), which writes its figures to a file read here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LIMITS, type PackageSize, packageSizes } from '../scripts/upload';
import { BenchOptions, Cell, kb, Section, Table } from './report';

const ROOT = path.resolve(__dirname, '..');
const RELEASE = path.join(ROOT, 'dist/miniprogram-release');

/** One setData payload: its JSON bytes, and the key that weighs most in it (paths like items[20] counted
 *  under items), its bytes and how many paths made it. */
export interface Payload {
  bytes: number;
  key: string;
  keyBytes: number;
  paths: number;
}

/** What bench/pages/setData.test.ts measures of one list page. */
export interface ListFigures {
  page: string;
  title: string;
  as: string;
  firstRows: number;
  firstPage: Payload;
  /** null for a page without 加载更多 */
  moreRows: number | null;
  more: Payload | null;
  note: string | null;
}

const share = (bytes: number, limit: number): string => `${((bytes / limit) * 100).toFixed(1)}%`;

/** The biggest folders (first two path levels) of one package of `dir`, to say what its size is made of. */
function biggestFolders(dir: string, packages: PackageSize[], name: string, count: number): string {
  const subpackages = packages.map((p) => p.name).filter((n) => n !== '主包');
  const sizes = new Map<string, number>();
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!subpackages.includes(r) || r === name) walk(r);
      } else {
        const folder = r.split('/').slice(0, 2).join('/');
        sizes.set(folder, (sizes.get(folder) ?? 0) + fs.statSync(path.join(dir, r)).size);
      }
    }
  };
  walk(name === '主包' ? '' : name);
  return [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([folder, b]) => `${folder} ${kb(b)}`)
    .join(', ');
}

function packagesTable(sizes: PackageSize[]): Table {
  const total = sizes.reduce((s, p) => s + p.bytes, 0);
  const rows: Cell[][] = [...sizes.map((p) => [p.name, kb(p.bytes), kb(p.limit), share(p.bytes, p.limit)]), ['合计 total', kb(total), kb(LIMITS.total), share(total, LIMITS.total)]];
  return {
    title: 'Mini-program packages (release build) against WeChat’s limits',
    columns: ['package', 'size', 'limit', 'share'],
    rows,
    notes: [
      'the files of dist/miniprogram-release as `npm run upload -- --dry-run` counts them (scripts/upload.ts packageSizes); WeChat counts its compiled upload, which can differ a little.',
      ...sizes.map((p) => `${p.name} is mostly: ${biggestFolders(RELEASE, sizes, p.name, 4)}.`),
    ],
  };
}

/** `items (4.0 KB)`, or `items[…] ×20 (4.2 KB)` for rows appended by path. */
const keyText = (p: Payload): string => `${p.key}${p.paths > 1 ? `[…] ×${p.paths}` : ''} (${kb(p.keyBytes)})`;

/** Renders the list pages in bench/pages' own jest and reads their figures. */
function listPages(opts: BenchOptions): ListFigures[] {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pages-')), 'pages.json');
  opts.log('mini-program: list pages under miniprogram-simulate (bench/pages, its own jest)');
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/jest/bin/jest.js'), '--config', path.join(ROOT, 'bench/pages/jest.config.js')], {
    cwd: ROOT,
    env: { ...process.env, BENCH_PAGES_OUT: out },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0 || !fs.existsSync(out)) throw new Error(`bench/pages failed (exit ${run.status}):\n${(run.stderr || run.stdout).slice(-4000)}`);
  const figures = JSON.parse(fs.readFileSync(out, 'utf8')) as ListFigures[];
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return figures;
}

function setDataTable(lists: ListFigures[]): Table {
  const resent = lists.filter((l) => l.more && l.more.paths === 1);
  return {
    title: 'Mini-program list pages: the largest setData (JSON bytes)',
    columns: ['page', 'items', 'first page setData', '加载更多 setData', 'largest key (first page / 加载更多)'],
    rows: lists.map((l) => [
      `${l.page} ${l.title}`,
      l.moreRows === null ? `${l.firstRows}` : `${l.firstRows} + ${l.moreRows}`,
      kb(l.firstPage.bytes),
      l.more ? kb(l.more.bytes) : null,
      `${keyText(l.firstPage)} / ${l.more ? keyText(l.more) : '–'}`,
    ]),
    notes: [
      'each list holds 40 or more records made through the real functions; the page is rendered under miniprogram-simulate as the person who uses it; the largest setData of the first page and of the tap on 加载更多 is shown, with the key that weighs most in it (rows appended by path, items[20]…items[39], counted together).',
      ...lists.filter((l) => l.note).map((l) => `${l.page} ${l.title}: ${l.note}.`),
      resent.length
        ? `加载更多 sends the whole list again (its payload grows with every page): ${resent.map((l) => `${l.page} (${kb(l.more!.bytes)} for ${l.firstRows + l.moreRows!} rows)`).join(', ')}.`
        : '加载更多 appends the new rows by path on every paged list (services/pagedList.ts appendedRows): its payload stays the size of one page, however long the list.',
    ],
  };
}

export async function measureMiniprogram(opts: BenchOptions): Promise<Section> {
  const packages = packageSizes(RELEASE);
  const lists = listPages(opts);
  return {
    name: 'miniprogram',
    tables: [packagesTable(packages), setDataTable(lists)],
    data: { packages, limits: LIMITS, lists },
  };
}
