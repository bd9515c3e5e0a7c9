// One sheet written as it is read: records come in pages (data/pages.ts), each page is turned into rows and
// committed to exceljs's streaming writer straight into a temp file, so memory stays flat however many rows. A deadline is checked between pages:
// past it the file is abandoned, never finished as if whole.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { cellsOf, type Column } from '../_shared/domain/exportColumns';

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
