// `node dist/localcloud/main.js [--port N] [--data DIR] [--reset] [--collections FILE] [--functions DIR]`: runs localcloud until
// killed. Prints one machine-readable line `LOCALCLOUD_READY {"url":…}` once it serves, for the test
// harness, then a guide for people.
import fs from 'node:fs';
import path from 'node:path';
import { startLocalCloud } from './localcloud';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const dataDir = path.resolve(arg('--data') ?? process.env.LOCALCLOUD_DATA_DIR ?? path.join(root, '.localcloud'));
  const port = Number(arg('--port') ?? process.env.LOCALCLOUD_PORT ?? 8787);
  if (process.argv.includes('--reset')) fs.rmSync(dataDir, { recursive: true, force: true });
  const cloud = await startLocalCloud({
    port,
    dataDir,
    collectionsFile: path.resolve(arg('--collections') ?? path.join(root, 'cloudbase/collections.json')),
    functionsDir: path.resolve(arg('--functions') ?? path.join(root, 'dist/cloudfunctions')),
  });
  console.log(`LOCALCLOUD_READY ${JSON.stringify({ url: cloud.url, port: cloud.port, dataDir })}`);
  const stop = () => void cloud.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
