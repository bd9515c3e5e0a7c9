// Draws scenarios (scenarios.ts) in Chromium and measures them: each page rendered under miniprogram-simulate
// as its person, with WeChat's font at each scale, captured (test/harness/screen/capture.ts), opened in one
// browser and measured (figures.ts). Rendering is one scenario at a time (the harness acts as one person at a
// time), its scales side by side; Chromium works on the screens already captured meanwhile. `npm run screens` and the browser tests
// both draw through here.
import type { Browser, Page } from 'playwright-core';
import type { Localcloud } from '../harness/localcloud';
import { actAs, idle, loadOnce, renderPage, useWeChatFontScale, type RenderedComponent, type Simulate } from '../harness/miniprogram';
import { capture, TAB_BAR_TAG, type Captured } from '../harness/screen/capture';
import { measure, openCaptured, phoneContext, type Figures } from '../harness/screen/figures';
import { scenarioId, tabPages, type Scenario } from './scenarios';
import type { World } from './world';

export interface Drawn {
  scenario: Scenario;
  id: string;
  scale: number;
  captured: Captured;
  figures: Figures;
}

/**
 * Renders one scenario under simulate at each of `scales` and captures each. The pages of one scenario render
 * side by side (one person; each page reads WeChat's font when it attaches), so their calls overlap.
 */
export async function captureScenario(simulate: Simulate, lc: Localcloud, world: World, s: Scenario, scales: number[]): Promise<Captured[]> {
  actAs(lc.url, s.as);
  const screens = scales.map((scale) => {
    useWeChatFontScale(scale);
    const page = renderPage(simulate, s.page, s.query?.(world));
    let tabBar: RenderedComponent | undefined;
    if (tabPages().includes(s.page)) {
      tabBar = simulate.render(loadOnce(simulate, 'custom-tab-bar/index', TAB_BAR_TAG));
      tabBar.attach(document.createElement('parent-wrapper'));
      tabBar.instance.select(s.page);
    }
    return { page, tabBar };
  });
  useWeChatFontScale(1);
  await idle();
  if (s.act) {
    for (const { page } of screens) await s.act(page, world);
    await idle();
  }
  return screens.map(({ page, tabBar }) => {
    const captured = capture(s.page, page, tabBar);
    page.detach();
    tabBar?.detach();
    return captured;
  });
}

export interface DrawOptions {
  simulate: Simulate;
  lc: Localcloud;
  world: World;
  browser: Browser;
  scenarios: Scenario[];
  scales: number[];
  /** Chromium's pixels per CSS px (2 for sharp PNGs) */
  deviceScaleFactor?: number;
  /** what else to do with each screen while it is open (take its PNGs) */
  withScreen?(page: Page, drawn: Drawn): Promise<void>;
}

/** Every scenario at every scale, measured, in scenario order. */
export async function drawScreens(o: DrawOptions): Promise<Drawn[]> {
  const context = await phoneContext(o.browser, o.deviceScaleFactor);
  const pending: Promise<Drawn>[] = [];
  const inBrowser = async (scenario: Scenario, scale: number, captured: Captured): Promise<Drawn> => {
    const page = await openCaptured(context, captured);
    try {
      const drawn: Drawn = { scenario, id: scenarioId(scenario), scale, captured, figures: await measure(page) };
      await o.withScreen?.(page, drawn);
      return drawn;
    } finally {
      await page.close();
    }
  };
  try {
    for (const scenario of o.scenarios) {
      const captured = await captureScenario(o.simulate, o.lc, o.world, scenario, o.scales);
      o.scales.forEach((scale, i) => pending.push(inBrowser(scenario, scale, captured[i])));
    }
    return await Promise.all(pending);
  } finally {
    useWeChatFontScale(1);
    await Promise.allSettled(pending);
    await context.close();
  }
}
