// What every part of the benchmark hands back, and how the whole run is shown: tables in the terminal and
// one JSON file (the README names it) with the machine the figures came from.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Cell = string | number | null;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
  /** lines printed under the table: what a figure means, what grows and why */
  notes?: string[];
}

/** One part of the run (actions, concurrent submissions, functions, mini-program). */
export interface Section {
  name: string;
  tables: Table[];
  /** the figures behind the tables, for the JSON file */
  data: unknown;
}

/** What every part is given. */
export interface BenchOptions {
  /** a few minutes in all: small sizes and few samples */
  quick: boolean;
  /** the numbers of applications the actions are measured at, smallest first */
  sizes: number[];
  /** samples per action and size */
  samples: number;
  log(line: string): void;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGB: number;
  node: string;
  os: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** The p-th percentile (0–100) of `values` by nearest rank; null for none. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** largest ÷ smallest, to two decimals: 1.00 is flat. */
export function ratio(smallest: number | null, largest: number | null): number | null {
  if (smallest === null || largest === null || smallest === 0) return null;
  return Math.round((largest / smallest) * 100) / 100;
}

/** `x` rounded to `digits` decimals. */
export const round = (x: number, digits = 0): number => Math.round(x * 10 ** digits) / 10 ** digits;

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

function cellText(c: Cell): string {
  return c === null ? '–' : String(c);
}

/** Width in terminal columns: CJK characters take two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function formatTable(t: Table): string {
  const cells = [t.columns, ...t.rows.map((r) => r.map(cellText))];
  const widths = t.columns.map((_, i) => Math.max(...cells.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => (typeof t.rows[0]?.[i] === 'number' && i > 0 ? ' '.repeat(widths[i] - width(c)) + c : c + ' '.repeat(widths[i] - width(c)))).join('  ');
  return [`## ${t.title}`, line(t.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line), ...(t.notes ?? []).map((n) => `  · ${n}`)].join('\n');
}

export interface Report {
  startedAt: string;
  tookSeconds: number;
  quick: boolean;
  sizes: number[];
  machine: Machine;
  sections: Record<string, unknown>;
}

export function writeReport(file: string, report: Report): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}
