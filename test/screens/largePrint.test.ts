/**
 * @jest-environment ./test/harness/screenEnvironment.ts
 */
// Large print on every screen, measured in Chromium (test/harness/screen/): every page of app.json, as the demo
// person who uses it on the demo world (scenarios.ts, world.ts), rendered under miniprogram-simulate with the
// real functions and drawn with the real WXSS and TDesign's styles at 375 px, at WeChat's standard font and at
// 关怀模式 (×1.4). At both: no visible text under 14 px, main text at least 18 px, tab labels at least 14 px,
// contrast at least 4.5:1, every tappable at least 44×44 px and primary actions and list rows at least 60 px
// high, no text overlapping other text or clipped. At 关怀模式 every text has grown with WeChat's font.
import { launchBrowser } from '../harness/browser';
import { useLocalcloud } from '../harness/localcloud';
import { setupMiniprogram } from '../harness/miniprogram';
import { breaches, CARE_SCALE, unscaled } from '../harness/screen/figures';
import { drawScreens, type Drawn } from './draw';
import { appPages, scenarioId, SCENARIOS } from './scenarios';
import { seedWorld } from './world';

const simulate = setupMiniprogram();
const lc = useLocalcloud({ demo: true });

let drawn: Drawn[] = [];

beforeAll(async () => {
  const world = await seedWorld(lc);
  const browser = await launchBrowser();
  try {
    drawn = await drawScreens({ simulate, lc, world, browser, scenarios: SCENARIOS, scales: [1, CARE_SCALE] });
  } finally {
    await browser.close();
  }
}, 600_000);

const screen = (id: string, scale: number) => {
  const d = drawn.find((x) => x.id === id && x.scale === scale);
  if (!d) throw new Error(`${id} was not drawn at ×${scale}`);
  return d.figures;
};

test('every page of app.json has a scenario, and every scenario a page', () => {
  const pages = appPages();
  expect(pages.filter((p) => !SCENARIOS.some((s) => s.page === p)).map((p) => `${p} has no scenario in test/screens/scenarios.ts`)).toEqual([]);
  expect(SCENARIOS.filter((s) => !pages.includes(s.page)).map((s) => `${s.page} is not in app.json`)).toEqual([]);
});

const ids = SCENARIOS.map(scenarioId);

test.each(ids)('%s meets the figures at the standard font', (id) => {
  const f = screen(id, 1);
  expect(f.texts.length).toBeGreaterThan(0);
  expect(breaches(f)).toEqual([]);
});

test.each(ids)('%s grows with WeChat’s font and meets the figures at 关怀模式', (id) => {
  expect([...unscaled(screen(id, 1), screen(id, CARE_SCALE), CARE_SCALE), ...breaches(screen(id, CARE_SCALE))]).toEqual([]);
});

