// What the export tests share: the files localcloud's storage holds under exports/, and an exported file
// downloaded through its temporary URL and read back with exceljs.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import type { Localcloud } from '../harness/localcloud';

/** The cloud paths of every stored export (storage/meta holds one JSON per stored file). */
export function exportedFiles(lc: Localcloud): string[] {
  const dir = path.join(lc.dataDir, 'storage', 'meta');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { cloudPath: string }).cloudPath)
    .filter((p) => p.startsWith('exports/'))
    .sort();
}

export interface Sheet {
  name: string;
  header: string[];
  /** the data rows, cell values as exceljs reads them */
  rows: unknown[][];
  /** the number format of each column's cells in the first data row */
  numFmts: string[];
}

/** GETs the temporary URL as wx.downloadFile would and reads the workbook's one sheet. */
export async function download(url: string): Promise<Sheet> {
  const res = await fetch(encodeURI(url));
  if (res.status !== 200) throw new Error(`download failed: ${res.status}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  expect(book.worksheets).toHaveLength(1);
  const ws = book.worksheets[0];
  const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
  const rows: unknown[][] = [];
  for (let r = 2; r <= ws.rowCount; r++) rows.push(values(r));
  const header = values(1) as string[];
  return { name: ws.name, header, rows, numFmts: header.map((_, c) => ws.getRow(2).getCell(c + 1).numFmt ?? '') };
}

/** A row as header → value. */
export const byHeader = (sheet: Sheet, row: unknown[]): Record<string, unknown> => Object.fromEntries(sheet.header.map((h, i) => [h, row[i] ?? null]));
