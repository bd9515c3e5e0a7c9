// Write-ahead journal: every write (one document or many, a transaction commit) is appended here as one
// line holding the final state of each document it touches, before it is applied to the collections'
// datafiles, and cleared once applied. A crash between the two leaves a complete line that start-up
// replays (replaying final states is idempotent); a line torn by the crash was never acknowledged and
// is dropped. So a multi-document write survives a kill -9 whole or not at all.
import fs from 'node:fs';
import { Doc, deserializeValue, serializeValue } from './ejson';

/** The state a write leaves one document in: `doc` null means removed. */
export interface Change {
  collection: string;
  id: unknown;
  doc: Doc | null;
}

export class Journal {
  private constructor(private readonly fh: fs.promises.FileHandle) {}

  /** Opens the journal and returns the writes it still holds (complete lines only). */
  static async open(file: string): Promise<{ journal: Journal; pending: Change[][] }> {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const pending: Change[][] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const ops = JSON.parse(line) as { c: string; id: unknown; doc: unknown }[];
        pending.push(ops.map((o) => ({ collection: o.c, id: deserializeValue(o.id), doc: o.doc === null ? null : (deserializeValue(o.doc) as Doc) })));
      } catch {
        // the torn tail of a write that crashed before it was acknowledged
      }
    }
    return { journal: new Journal(await fs.promises.open(file, 'a')), pending };
  }

  async record(changes: Change[]): Promise<void> {
    const ops = changes.map((c) => ({ c: c.collection, id: serializeValue(c.id), doc: c.doc === null ? null : serializeValue(c.doc) }));
    await this.fh.write(JSON.stringify(ops) + '\n');
  }

  async clear(): Promise<void> {
    await this.fh.truncate(0);
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}
