// The data dir as a whole, like the Firebase emulators' --export-on-exit / --import: export everything a
// restart keeps (the database, the stored files, the WeChat quota, the functions' personal-data keys) into a
// folder, import such a folder in its place, or reset to fresh demo data. The folder:
//   DIR/localcloud-export.json   what it is: {format, version, exportedAt, envId, collections: {NAME: count}, files}
//   DIR/database/NAME.ndjson     each collection (database/snapshot.ts)
//   DIR/storage/objects|meta/    the files (storage/store.ts)
//   DIR/openapi/subscriptions.json   WeChat's quota per member and template
//   DIR/function-secrets.json    the keys the stored personal data is encrypted with: without them an
//                                import's ID numbers and phones are unreadable (keep exports private)
// An export is written beside DIR and moved into place whole; it replaces an earlier export but refuses a
// folder holding anything else. An import or reset replaces the database in one write; the WeChat sinks
// (calls, drafts, faults) start empty as after a restart; new keys restart the function instances.
import fs from 'node:fs';
import path from 'node:path';
import { exportDatabase, readExport, replaceDatabase } from '../database/snapshot';
import type { DatabaseService } from '../database';
import { seedDemo } from '../demo/seed';
import type { FunctionsService } from '../functions';
import type { OpenapiService } from '../openapi';
import { functionSecrets, saveSecrets, SECRETS_FILE } from '../secrets';
import type { LocalCloudContext } from '../server';
import type { StorageService } from '../storage';

export const EXPORT_MARKER = 'localcloud-export.json';
const FORMAT = 'localcloud-export';
const VERSION = 1;
const QUOTA_FILE = path.join('openapi', 'subscriptions.json');

export interface DataDirParts {
  database: DatabaseService;
  storage: StorageService;
  openapi: OpenapiService;
  functions: FunctionsService;
}

export interface DataDirSummary {
  dir: string | null;
  collections: Record<string, number>;
  files: number;
}

/** A refusal the console shows as it is (a folder that is not an export, a bad file in one). */
export class DataDirError extends Error {}

export class DataDir {
  /** one operation at a time: an import must not interleave with an export */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: LocalCloudContext, private readonly parts: DataDirParts) {}

  export(dir: string): Promise<DataDirSummary> {
    return this.serial(async () => {
      const target = path.resolve(dir);
      if (fs.existsSync(target) && fs.readdirSync(target).length && !fs.existsSync(path.join(target, EXPORT_MARKER))) {
        throw new DataDirError(`${target} holds other files: export into an empty folder or an earlier export`);
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const tmp = fs.mkdtempSync(`${target}.exporting-`);
      try {
        fs.mkdirSync(path.join(tmp, 'database'));
        fs.mkdirSync(path.join(tmp, 'openapi'));
        const collections = await exportDatabase(this.parts.database.store, path.join(tmp, 'database'));
        const files = this.parts.storage.files.exportTo(path.join(tmp, 'storage'));
        fs.writeFileSync(path.join(tmp, QUOTA_FILE), JSON.stringify(this.parts.openapi.subscriptions.all()));
        saveSecrets(tmp, functionSecrets(this.ctx.dataDir));
        const marker = { format: FORMAT, version: VERSION, exportedAt: new Date().toISOString(), envId: this.ctx.envId, collections, files };
        fs.writeFileSync(path.join(tmp, EXPORT_MARKER), JSON.stringify(marker, null, 2) + '\n');
        fs.rmSync(target, { recursive: true, force: true });
        fs.renameSync(tmp, target);
        this.ctx.log(`data dir exported to ${target}: ${Object.values(collections).reduce((a, b) => a + b, 0)} documents, ${files} files`);
        return { dir: target, collections, files };
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  }

  import(dir: string): Promise<DataDirSummary> {
    return this.serial(async () => {
      const source = path.resolve(dir);
      const markerFile = path.join(source, EXPORT_MARKER);
      if (!fs.existsSync(markerFile)) throw new DataDirError(`${source} is not a localcloud export (it has no ${EXPORT_MARKER})`);
      const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as { format?: unknown; version?: unknown };
      if (marker.format !== FORMAT || marker.version !== VERSION) throw new DataDirError(`${markerFile} is not version ${VERSION} of a localcloud export`);
      let database;
      try {
        database = await readExport(path.join(source, 'database')); // read whole before anything changes
      } catch (e) {
        throw new DataDirError((e as Error).message);
      }
      const quotaFile = path.join(source, QUOTA_FILE);
      const quota = fs.existsSync(quotaFile) ? (JSON.parse(fs.readFileSync(quotaFile, 'utf8')) as Record<string, Record<string, number>>) : {};
      const secretsFile = path.join(source, SECRETS_FILE);
      await replaceDatabase(this.parts.database.store, database);
      await this.parts.database.seed(); // an export made before a built-in document was shipped
      const store = this.parts.database.store;
      const collections = await store.gate.read(() => Object.fromEntries(store.names().map((n) => [n, store.collection(n).all().length])));
      const files = this.parts.storage.files.replaceFrom(path.join(source, 'storage'));
      this.parts.openapi.subscriptions.replace(quota);
      if (fs.existsSync(secretsFile)) this.useSecrets(JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as Record<string, string>);
      this.clearSinks();
      this.ctx.log(`data dir imported from ${source}`);
      return { dir: source, collections, files };
    });
  }

  /** Back to the demo world `npm start` opens with (the keys stay). */
  reset(): Promise<DataDirSummary> {
    return this.serial(async () => {
      await replaceDatabase(this.parts.database.store, new Map());
      await this.parts.database.seed();
      this.parts.storage.files.replaceFrom(null);
      this.parts.openapi.subscriptions.replace({});
      this.clearSinks();
      await seedDemo(this.ctx.baseUrl(), this.ctx.envId, this.ctx.functionEnv);
      fs.writeFileSync(path.join(this.ctx.dataDir, 'demo-seeded'), new Date().toISOString());
      const store = this.parts.database.store;
      const collections = await store.gate.read(() => Object.fromEntries(store.names().map((n) => [n, store.collection(n).all().length])));
      this.ctx.log('data dir reset to the demo data');
      return { dir: null, collections, files: 0 };
    });
  }

  /** Makes an export's keys the data dir's; the functions' instances restart to read them. */
  private useSecrets(secrets: Record<string, string>): void {
    const current = functionSecrets(this.ctx.dataDir);
    if (Object.keys(secrets).length === Object.keys(current).length && Object.entries(secrets).every(([k, v]) => current[k] === v)) return;
    saveSecrets(this.ctx.dataDir, secrets);
    for (const k of Object.keys(current)) delete this.ctx.functionEnv[k];
    Object.assign(this.ctx.functionEnv, secrets);
    this.parts.functions.runtime.restartInstances();
  }

  private clearSinks(): void {
    this.parts.openapi.calls.clear();
    this.parts.openapi.mp.clear();
    this.parts.openapi.faults.clear();
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
