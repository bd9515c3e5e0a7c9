// One sheet written as it is read: records come in pages of 1000 by range on an index ((createdAt, _id)
// after the last one, never skip), each page is turned into rows and committed to exceljs's streaming writer
// straight into a temp file, so memory stays flat however many rows. A deadline is checked between pages:
// past it the file is abandoned, never finished as if whole.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { db, rows } from '../_shared/cloud';
import { whereAfter, type CursorPosition } from '../_shared/data/cursor';
import { cellsOf, type Column } from '../_shared/domain/exportColumns';

export const PAGE = 1000; // the server SDK's largest page

/** The pages of `collection` matching `base`, oldest first, `omit`ting large fields nobody exports. */
export async function* pagesOf<D extends { _id: string; createdAt: Date }>(collection: string, base: Record<string, unknown>, omit: string[]): AsyncGenerator<D[]> {
  const projection = Object.fromEntries(omit.map((f) => [f, false]));
  for (let after: CursorPosition | null = null; ; ) {
    const docs: D[] = await rows<D>(
      db.collection(collection).where(whereAfter(base, 'createdAt', after)).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(PAGE).field(projection),
    );
    if (docs.length) yield docs;
    if (docs.length < PAGE) return;
    const last = docs[docs.length - 1];
    after = { at: new Date(last.createdAt), id: last._id };
  }
}

export type SheetOutcome = { done: true; rows: number } | { done: false; rows: number };

/**
 * Writes `header` and every row of `pages` to an .xlsx at `file`. Stops at the first page boundary past
 * `deadline` (ms since epoch) with `done: false`, the file then incomplete and to be thrown away.
 */
export async function writeSheet<R>(file: string, sheetName: string, columns: readonly Column<R>[], pages: AsyncIterable<R[]>, deadline: number): Promise<SheetOutcome> {
  const stream = fs.createWriteStream(file);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ key: String(i), header: c.header, width: c.width, ...(c.yuan ? { style: { numFmt: '0.00' } } : {}) }));
  sheet.getRow(1).font = { bold: true };
  let count = 0;
  for await (const page of pages) {
    for (const row of page) sheet.addRow(cellsOf(columns, row)).commit();
    count += page.length;
    if (Date.now() > deadline) {
      stream.destroy();
      return { done: false, rows: count };
    }
  }
  sheet.commit();
  await book.commit();
  return { done: true, rows: count };
}
