// `node dist/localcloud/main.js [--port N] [--data DIR] [--reset] [--demo] [--collections FILE] [--functions DIR]`:
// runs localcloud until killed; --demo seeds the demo world into a new (or --reset) data dir. Prints one machine-readable line `LOCALCLOUD_READY {"url":…}` once it serves, for the test
// harness, then a guide for people.
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PEOPLE } from './demo/data';
import { seedDemo } from './demo/seed';
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
  const marker = path.join(dataDir, 'demo-seeded');
  if (process.argv.includes('--demo') && !fs.existsSync(marker)) {
    await seedDemo(cloud.url, cloud.context.envId, cloud.context.functionEnv);
    fs.writeFileSync(marker, new Date().toISOString());
  }
  if (process.argv.includes('--demo')) printGuide(cloud.url, dataDir);
  console.log(`LOCALCLOUD_READY ${JSON.stringify({ url: cloud.url, port: cloud.port, dataDir })}`);
  const stop = () => void cloud.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function printGuide(url: string, dataDir: string): void {
  const people = DEMO_PEOPLE.map((p) => `    ${p.openid.padEnd(20)} ${p.label}`).join('\n');
  console.log(`
工会服务 localcloud is serving at ${url}  (data: ${dataDir})

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
`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
