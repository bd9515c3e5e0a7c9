// `node dist/localcloud/main.js [--port N] [--data DIR] [--reset] [--demo] [--import DIR] [--export-on-exit [DIR]]
//   [--collections FILE] [--functions DIR] [--screens DIR]`:
// runs localcloud until killed; --demo seeds the demo world into a new (or --reset) data dir; --import puts an
// export's data in place of the data dir's (and seeds nothing); --export-on-exit exports into DIR (or the
// --import folder) when stopped with Ctrl-C or SIGTERM, as the Firebase emulators' flags do. --screens is where the
// console finds `npm run screens`' gallery (LOCALCLOUD_SCREENS_DIR too). Prints one machine-readable line
// `LOCALCLOUD_READY {"url":…}` once it serves, for the test harness, then a guide for people.
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PEOPLE } from './demo/data';
import { seedDemo } from './demo/seed';
import { startLocalCloud } from './localcloud';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  return value?.startsWith('--') ? undefined : value;
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
    screensDir: path.resolve(arg('--screens') ?? process.env.LOCALCLOUD_SCREENS_DIR ?? path.join(root, 'dist/screens')),
  });
  const importDir = arg('--import');
  if (process.argv.includes('--import') && !importDir) throw new Error('--import needs the folder of an export');
  const exportDir = process.argv.includes('--export-on-exit') ? (arg('--export-on-exit') ?? importDir) : undefined;
  if (process.argv.includes('--export-on-exit') && !exportDir) throw new Error('--export-on-exit needs a folder (or --import DIR)');
  if (importDir) await cloud.dataDir.import(importDir);
  const marker = path.join(dataDir, 'demo-seeded');
  if (process.argv.includes('--demo') && !importDir && !fs.existsSync(marker)) {
    await seedDemo(cloud.url, cloud.context.envId, cloud.context.functionEnv);
    fs.writeFileSync(marker, new Date().toISOString());
  }
  if (process.argv.includes('--demo')) printGuide(cloud.url, dataDir);
  console.log(`LOCALCLOUD_READY ${JSON.stringify({ url: cloud.url, port: cloud.port, dataDir })}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const exported = exportDir ? cloud.dataDir.export(exportDir).then((s) => console.log(`exported the data dir to ${s.dir}`)) : Promise.resolve();
    void exported.catch((e) => console.error(`export on exit failed: ${(e as Error).message}`)).then(() => cloud.stop()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function printGuide(url: string, dataDir: string): void {
  const people = DEMO_PEOPLE.map((p) => `    ${p.openid.padEnd(20)} ${p.label}`).join('\n');
  console.log(`
工会服务 localcloud is serving at ${url}  (data: ${dataDir})

  Console: data, functions, WeChat, timers, storage   ${url}/

  CloudBase admin API for wx-server-sdk   TCB_CONTEXT_CNFG='{"URL":"${url}/admin"}'
  Call a function as a member             curl -X POST ${url}/functions/members -H 'x-wx-openid: o-demo-member' \\
                                               -H 'content-type: application/json' -d '{"action":"me"}'
  Mini-program                            open this folder in WeChat DevTools; local mode calls this gateway
  Sent messages / subscription quota      ${url}/__localcloud/openapi/calls
  Timers                                  ${url}/__localcloud/timers
  Unindexed queries                       ${url}/__localcloud/database/unindexed

  Demo people (act as them from the developer panel on 我的, or with the x-wx-openid header):
${people}

  Start again from empty demo data: npm start -- --reset
  Keep a copy of the data, and start from it:         npm start -- --import DIR --export-on-exit
`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
