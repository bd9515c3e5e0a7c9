// `npm run bench [-- --quick] [--sizes 10000,100000] [--samples N] [--out FILE] [--compare FILE]`: what each
// action costs and how it grows with the data (see the README's Benchmarks). Prints tables and writes the
// figures as JSON; with --compare, an earlier run's headline figures beside this run's at the end.
import path from 'node:path';
import { actionsSection, measureActions } from './actions';
import { compareSection, readBaseline } from './compare';
import { measureConcurrentSubmissions } from './concurrency';
import { measureFold } from './fold';
import { measureFunctions } from './functions';
import { measureMiniprogram } from './miniprogram';
import { measureReminders } from './reminders';
import { BenchOptions, formatTable, machine, Section, writeReport } from './report';
import { openWorld } from './world';

const ROOT = path.resolve(__dirname, '..');
export const REPORT_FILE = path.join(ROOT, 'bench-results/report.json');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function options(): BenchOptions & { out: string; compare: string | null } {
  const quick = process.argv.includes('--quick');
  const sizes = arg('--sizes')?.split(',').map(Number) ?? (quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000]);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error('--sizes takes whole numbers of applications, at least 100 each');
  return {
    quick,
    sizes: [...sizes].sort((a, b) => a - b),
    samples: Number(arg('--samples') ?? (quick ? 3 : 20)),
    out: path.resolve(arg('--out') ?? REPORT_FILE),
    compare: arg('--compare') ? path.resolve(arg('--compare')!) : null,
    log: (line) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`),
  };
}

async function main(): Promise<void> {
  const opts = options();
  const started = Date.now();
  const baseline = opts.compare ? readBaseline(opts.compare) : null; // read first: a bad file fails before the run
  const sections: Section[] = [];
  const show = (s: Section) => {
    sections.push(s);
    for (const t of s.tables) console.log(`\n${formatTable(t)}`);
  };
  opts.log(`machine: ${JSON.stringify(machine())}`);
  show(await measureMiniprogram(opts));
  show(await measureFunctions(opts));
  show(await measureReminders(opts));
  show(await measureFold(opts));
  const world = await openWorld(opts);
  try {
    const growths = [];
    const atSizes = [];
    for (const size of opts.sizes) {
      const growth = await world.grow(size);
      opts.log(`world at ${size} applications: added ${JSON.stringify(growth.added)} in ${growth.seconds} s`);
      growths.push(growth);
      atSizes.push(await measureActions(world, opts));
    }
    show(actionsSection(atSizes, growths));
    show(await measureConcurrentSubmissions(world, opts));
  } finally {
    await world.dispose();
  }
  const startedAt = new Date(started).toISOString();
  const bySection = () => Object.fromEntries(sections.map((s) => [s.name, s.data]));
  if (baseline && opts.compare) show(compareSection(baseline, { startedAt, sizes: opts.sizes, sections: bySection() }, opts.compare));
  const tookSeconds = Math.round((Date.now() - started) / 1000);
  writeReport(opts.out, {
    startedAt,
    tookSeconds,
    quick: opts.quick,
    sizes: opts.sizes,
    machine: machine(),
    sections: bySection(),
  });
  console.log(`\nbench took ${tookSeconds} s; figures in ${path.relative(process.cwd(), opts.out)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
