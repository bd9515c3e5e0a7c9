// Per deployed function: the size of its bundle (dist/cloudfunctions/NAME/index.js, as `npm run deploy`
// uploads it) and what it is made of, and its cold start: in a fresh localcloud (demo world) one cheap,
// representative action of each function is called through the gateway as a demo person who may call it;
// localcloud's record of that invocation gives the instance's load time and the server time of that first
// invocation, then the same call again gives the warm time. A full run starts several fresh localclouds (one
// cold start of every function each), a quick run one.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Result } from '../typings/api';
import { functionNames } from '../scripts/build';
import { callCounted, PEOPLE } from '../test/functions/api';
import { Localcloud, ROOT, type InvocationCost } from '../test/harness/localcloud';

import { BenchOptions, Cell, kb, percentile, round, Section } from './report';

const FUNCTIONS = path.join(ROOT, 'dist/cloudfunctions');
const STUDENT_AID = 'campaign-student-aid';

interface Probe {
  /** what the call is, for the notes */
  label: string;
  call(lc: Localcloud): Promise<{ result: unknown; invocationId: string | null }>;
}

/** One cheap call per function that a person in the demo world may make: the cold start is then module load
 *  plus a little real work, not an error path. */
const PROBES: Record<string, Probe> = {
  applications: { label: 'mine as the member', call: (lc) => callCounted(lc, PEOPLE.member, 'applications', 'mine', { limit: 20 }) },
  campaigns: { label: 'listOpen as the member', call: (lc) => callCounted(lc, PEOPLE.member, 'campaigns', 'listOpen', {}) },
  cases: { label: 'mine as the member', call: (lc) => callCounted(lc, PEOPLE.member, 'cases', 'mine', { limit: 20 }) },
  exports: {
    label: 'create (金秋助学 applications .xlsx) as the federation officer',
    call: (lc) => callCounted(lc, PEOPLE.fedOfficer, 'exports', 'create', { kind: 'applications', campaignId: STUDENT_AID }),
  },
  hardship: { label: 'mine as the member', call: (lc) => callCounted(lc, PEOPLE.member, 'hardship', 'mine', {}) },
  hello: {
    label: 'the sample function, as the member',
    call: async (lc) => {
      const r = await lc.call('hello', {}, PEOPLE.member);
      if (r.status !== 200) throw new Error(`hello failed at the gateway: ${JSON.stringify(r.body)}`);
      return { result: r.body.result, invocationId: r.invocationId };
    },
  },
  members: { label: 'me as the member', call: (lc) => callCounted(lc, PEOPLE.member, 'members', 'me', {}) },
  notices: { label: 'board as the member', call: (lc) => callCounted(lc, PEOPLE.member, 'notices', 'board', { limit: 20 }) },
  orgs: { label: 'tree as the member', call: (lc) => callCounted(lc, PEOPLE.member, 'orgs', 'tree', {}) },
  reviews: { label: 'counts as the grassroots officer', call: (lc) => callCounted(lc, PEOPLE.cgOfficer, 'reviews', 'counts', {}) },
  roles: { label: 'list as the admin', call: (lc) => callCounted(lc, PEOPLE.admin, 'roles', 'list', {}) },
  statistics: {
    label: "figures of the county's year as the federation officer",
    call: (lc) => callCounted(lc, PEOPLE.fedOfficer, 'statistics', 'figures', { orgId: 'org-county', period: { year: 2026 } }),
  },
};

/** Calls the probe and reads what localcloud recorded of the invocation; a failed result is no measurement. */
async function measuredCall(lc: Localcloud, name: string): Promise<InvocationCost> {
  const { result, invocationId } = await PROBES[name].call(lc);
  const r = result as Result<unknown> | undefined;
  if (r && typeof r === 'object' && 'ok' in r && !r.ok) throw new Error(`${name}: ${PROBES[name].label} failed: ${JSON.stringify(r.error)}`);
  return lc.cost(invocationId);
}

export interface BundleSize {
  bytes: number;
  gzipBytes: number;
  /** bytes of the bundle by what they come from: a package of node_modules, `own code`, `zod locales`, `esbuild runtime` */
  parts: Record<string, number>;
}

/**
 * What the bundle is made of. esbuild (not minified) heads each module it bundles with a `// path` comment;
 * the bytes up to the next one are that module's. zod's locales are counted apart from zod: every bundle
 * carries all of them though the functions speak Chinese only.
 */
function bundleParts(js: string): Record<string, number> {
  const parts: Record<string, number> = {};
  let owner = 'esbuild runtime';
  for (const line of js.split('\n')) {
    const m = /^\/\/ ((?:node_modules|cloudfunctions|typings)\/\S+\.[cm]?[jt]s(?:on)?)$/.exec(line);
    if (m) {
      const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m[1])?.[1];
      owner = m[1].startsWith('node_modules/zod/v4/locales/') ? 'zod locales' : pkg ?? 'own code';
    }
    parts[owner] = (parts[owner] ?? 0) + Buffer.byteLength(line) + 1;
  }
  return parts;
}

function bundleSize(name: string): BundleSize {
  const file = path.join(FUNCTIONS, name, 'index.js');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  const bytes = fs.readFileSync(file);
  return { bytes: bytes.length, gzipBytes: zlib.gzipSync(bytes, { level: 9 }).length, parts: bundleParts(bytes.toString('utf8')) };
}

export interface FunctionFigures {
  name: string;
  probe: string;
  bundle: BundleSize;
  /** one per fresh localcloud */
  cold: InvocationCost[];
  warmMs: number[];
}

const median = (xs: (number | null)[]): number | null => percentile(xs.filter((x): x is number => x !== null), 50);
const kbNumber = (bytes: number): number => round(bytes / 1024, 1);

export async function measureFunctions(opts: BenchOptions): Promise<Section> {
  const names = functionNames();
  const missing = names.filter((n) => !PROBES[n]);
  if (missing.length) throw new Error(`bench/functions.ts has no probe for ${missing.join(', ')}: add a cheap call of each`);
  const rounds = opts.quick ? 1 : Math.max(1, Math.min(opts.samples, 5));
  const warmCalls = opts.quick ? 1 : 3;
  const figures: FunctionFigures[] = names.map((name) => ({ name, probe: PROBES[name].label, bundle: bundleSize(name), cold: [], warmMs: [] }));

  for (let round = 1; round <= rounds; round++) {
    opts.log(`functions: cold starts, round ${round} of ${rounds} (a fresh localcloud)`);
    const lc = await new Localcloud({ demo: true }).start();
    try {
      for (const f of figures) {
        const cold = await measuredCall(lc, f.name);
        if (cold.loadMs === null) throw new Error(`${f.name}: the first call in a fresh localcloud found a warm instance`);
        f.cold.push(cold);
        for (let i = 0; i < warmCalls; i++) {
          const warm = await measuredCall(lc, f.name);
          if (warm.loadMs !== null) throw new Error(`${f.name}: a repeated call started a new instance`);
          f.warmMs.push(warm.durationMs);
        }
      }
    } finally {
      await lc.dispose();
    }
  }

  const rows: Cell[][] = figures.map((f) => [
    f.name,
    kbNumber(f.bundle.bytes),
    kbNumber(f.bundle.gzipBytes),
    median(f.cold.map((c) => c.loadMs)),
    median(f.cold.map((c) => c.durationMs)),
    median(f.warmMs),
  ]);

  // Which packages each bundle carries, and which only one function does (exports' exceljs and its own
  // dependencies).
  const holders = new Map<string, string[]>();
  for (const f of figures) for (const part of Object.keys(f.bundle.parts)) holders.set(part, [...(holders.get(part) ?? []), f.name]);
  const onlyHere = (f: FunctionFigures) =>
    Object.entries(f.bundle.parts).filter(([part]) => part !== 'own code' && holders.get(part)!.length === 1).reduce((s, [, b]) => s + b, 0);
  const top = (f: FunctionFigures) =>
    Object.entries(f.bundle.parts)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([part, b]) => `${part} ${kb(b)}`)
      .join(', ');
  const contents: Cell[][] = figures.map((f) => [
    f.name,
    kbNumber(f.bundle.parts['own code'] ?? 0),
    kbNumber((f.bundle.parts.zod ?? 0) + (f.bundle.parts['zod locales'] ?? 0)),
    kbNumber(onlyHere(f)),
    top(f),
  ]);

  const withZod = figures.filter((f) => f.bundle.parts.zod);
  const locales = median(withZod.map((f) => f.bundle.parts['zod locales'] ?? 0));
  const medianLoad = (group: FunctionFigures[]) => median(group.flatMap((f) => f.cold.map((c) => c.loadMs)));
  const biggest = [...figures].sort((a, b) => b.bundle.bytes - a.bundle.bytes)[0];
  const others = figures.filter((f) => f !== biggest && f.bundle.parts.zod);
  const tiny = [...figures].sort((a, b) => a.bundle.bytes - b.bundle.bytes)[0];
  const [bigLoad, othersLoad, tinyLoad] = [medianLoad([biggest]), medianLoad(others), medianLoad([tiny])];
  const notes = [
    `load = starting an instance and loading its module (localcloud's loadMs); first invocation = server time of that first call, load included; warm = the same call again. Median of ${rounds} cold start${rounds > 1 ? 's' : ''} (a fresh localcloud each) and ${rounds * warmCalls} warm call${rounds * warmCalls > 1 ? 's' : ''} per function; a quick run's single sample is noisy.`,
    `the calls: ${figures.map((f) => `${f.name} ${f.probe}`).join('; ')}.`,
    'gzip = index.js compressed at level 9, a guide to the upload (CloudBase takes a zip of the folder; wx-server-sdk is installed there, not bundled).',
    `${biggest.name} is the big one: ${kb(biggest.bundle.bytes)}${
      biggest.bundle.parts.exceljs ? `, of which exceljs itself is ${kb(biggest.bundle.parts.exceljs)}` : ''
    } and, with the packages only it bundles (${Object.entries(biggest.bundle.parts)
      .filter(([part]) => part !== 'own code' && holders.get(part)!.length === 1)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([part]) => part)
      .join(', ')}, …), ${kb(onlyHere(biggest))}. Its load: ${bigLoad ?? '–'} ms against a median of ${othersLoad ?? '–'} ms for the other functions that validate input.`,
    ...(tinyLoad !== null && othersLoad
      ? [
          `${tiny.name} (${kb(tiny.bundle.bytes)}) loads in ${tinyLoad} ms, ${Math.round((tinyLoad / othersLoad) * 100)}% of the others' median: that much of a cold start is starting node and wx-server-sdk, whatever the bundle.`,
        ]
      : []),
    ...(locales
      ? [
          `every function that validates input carries zod with all of its locales: ${kb(locales)} of locale messages per bundle (about ${Math.round((locales / median(withZod.map((f) => f.bundle.bytes))!) * 100)}% of a typical one) that it never uses (_shared/validation.ts gives its own Chinese messages); \`import { z } from 'zod'\` keeps them, as the namespace object holds \`z.locales\`.`,
        ]
      : []),
  ];

  return {
    name: 'functions',
    tables: [
      { title: 'Cloud functions: bundle size and cold start', columns: ['function', 'bundle KB', 'gzip KB', 'load ms', 'first invocation ms', 'warm ms'], rows, notes },
      {
        title: 'Cloud functions: what each bundle carries (KB)',
        columns: ['function', 'own code', 'zod (+ locales)', 'only in this one', 'largest parts'],
        rows: contents,
        notes: ['own code = cloudfunctions/ and typings/; only in this one = packages no other function bundles.'],
      },
    ],
    data: { rounds, warmCallsPerRound: warmCalls, functions: figures },
  };
}
