// `npm start`'s demo world: seeded once into a new data dir, printed for the newcomer, kept on restart.
import { DEMO_CAMPAIGNS } from '../../localcloud/src/demo/campaigns';
import { DEMO_ORGS, DEMO_PEOPLE } from '../../localcloud/src/demo/data';
import { callAs, data, snapshot } from '../functions/api';
import { useLocalcloud } from '../harness/localcloud';

const lc = useLocalcloud({ demo: true });

test('the guide names every demo person by openid and what localcloud serves', () => {
  for (const p of DEMO_PEOPLE) expect(lc.output).toContain(p.openid);
  expect(lc.output).toContain(`${lc.url}/functions/`);
  expect(lc.output).toContain('npm start -- --reset');
});

test('every demo person is who the guide says, through the real functions', async () => {
  for (const p of DEMO_PEOPLE) {
    const me = data(await callAs(lc, p.openid, 'members', 'me', {}));
    expect(me.registered).toBe(p.member !== null);
    expect(me.roles.map((r) => r.role).sort()).toEqual(p.roles.map((r) => r.role).sort());
  }
  expect(data(await callAs(lc, 'o-demo-newcomer', 'orgs', 'tree', {})).count).toBe(DEMO_ORGS.length);
});

test('the demo campaigns are open now, in the county federation', async () => {
  const { campaigns } = await snapshot(lc, ['campaigns']);
  expect(campaigns).toHaveLength(DEMO_CAMPAIGNS.length);
  const now = Date.now();
  for (const c of campaigns as { status: string; opensAt: Date; closesAt: Date; orgPath: string[] }[]) {
    expect(c.status).toBe('open');
    expect(c.opensAt.getTime()).toBeLessThanOrEqual(now);
    expect(c.closesAt.getTime()).toBeGreaterThan(now);
    expect(c.orgPath).toEqual(['org-county']);
  }
});

test('a restart keeps the data and does not seed again', async () => {
  const before = await snapshot(lc, ['orgs', 'members', 'roles']);
  await lc.restart();
  expect(await snapshot(lc, ['orgs', 'members', 'roles'])).toEqual(before);
});
