/**
 * @jest-environment ./test/harness/screenEnvironment.ts
 */
// `npm run screens` (scripts/screens.ts runs this with test/screens/jest.config.js; not part of `npm test`):
// every scenario drawn in Chromium at WeChat's standard font and at 关怀模式, each as the first screen a
// person sees (375×812) and as the whole page (and the HTML drawn, to inspect in any browser's developer
// tools), into $SCREENS_OUT (dist/screens/, which the localcloud console shows under 页面) with index.html
// to browse them, figures.json and summary.txt (the figures of the browser tests, counted).
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../harness/browser';
import { useLocalcloud } from '../harness/localcloud';
import { PHONE, setupMiniprogram } from '../harness/miniprogram';
import { breaches, CARE_SCALE } from '../harness/screen/figures';
import { drawScreens, type Drawn } from './draw';
import { SCENARIOS } from './scenarios';
import { seedWorld } from './world';
import { indexHtml, summary } from './report';

const OUT = process.env.SCREENS_OUT ?? path.resolve(__dirname, '../../dist/screens');
const simulate = setupMiniprogram();
const lc = useLocalcloud({ demo: true });

const scaleName = (scale: number) => (scale === 1 ? 'standard' : 'care');
const pngOf = (d: Pick<Drawn, 'id' | 'scale'>, whole: boolean) => `${d.id}.${scaleName(d.scale)}${whole ? '.full' : ''}.png`;

test('draw every screen', async () => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const world = await seedWorld(lc);
  const browser = await launchBrowser();
  let drawn: Drawn[];
  try {
    drawn = await drawScreens({
      simulate,
      lc,
      world,
      browser,
      scenarios: SCENARIOS,
      scales: [1, CARE_SCALE],
      deviceScaleFactor: 2,
      async withScreen(page, d) {
        fs.writeFileSync(path.join(OUT, pngOf(d, false).replace(/\.png$/, '.html')), d.captured.html);
        await page.screenshot({ path: path.join(OUT, pngOf(d, false)) });
        await page.setViewportSize({ width: PHONE.width, height: Math.max(PHONE.height, d.figures.height) });
        await page.screenshot({ path: path.join(OUT, pngOf(d, true)) });
      },
    });
  } finally {
    await browser.close();
  }
  fs.writeFileSync(path.join(OUT, 'figures.json'), JSON.stringify(drawn.map((d) => ({ id: d.id, page: d.scenario.page, scale: d.scale, figures: d.figures, breaches: breaches(d.figures) })), null, 1));
  fs.writeFileSync(path.join(OUT, 'index.html'), indexHtml(drawn, pngOf));
  fs.writeFileSync(path.join(OUT, 'summary.txt'), summary(drawn));
}, 900_000);
