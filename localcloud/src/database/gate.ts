// Writers one at a time, readers never see a writer half done. Reads of the in-memory indexes are
// synchronous, so a reader only waits for the writer in progress; writers queue behind each other.
export class Gate {
  private tail: Promise<unknown> = Promise.resolve();
  private writing: Promise<unknown> | null = null;

  write<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.tail.then(async () => {
      const p = Promise.resolve().then(fn);
      this.writing = p.catch(() => undefined);
      try {
        return await p;
      } finally {
        this.writing = null;
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  async read<T>(fn: () => T): Promise<T> {
    while (this.writing) await this.writing;
    return fn();
  }
}
