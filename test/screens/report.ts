// What `npm run screens` writes beside the PNGs: summary.txt (the browser tests' figures, counted per screen
// and in total) and index.html (every screen at both font sizes, with what it shows, who sees it, what breaks
// the figures and what Chromium cannot draw as the phone would).
import { CARE_SCALE, FIGURES, breaches, type Figures } from '../harness/screen/figures';
import type { Drawn } from './draw';

interface Counts {
  texts: number;
  under14: number;
  under16: number;
  under18: number;
  mainUnder18: number;
  lowContrast: number;
  smallTargets: number;
  lowMainTargets: number;
  overlapsOrClips: number;
}

function counts(f: Figures): Counts {
  const small = f.targets.filter((t) => t.width < FIGURES.minTarget || t.height < FIGURES.minTarget);
  return {
    texts: f.texts.length,
    under14: f.texts.filter((t) => t.px < 14).length,
    under16: f.texts.filter((t) => t.px < 16).length,
    under18: f.texts.filter((t) => t.px < 18).length,
    mainUnder18: f.texts.filter((t) => t.role === 'main' && !t.placeholder && t.px < FIGURES.minMainText).length,
    lowContrast: f.texts.filter((t) => t.contrast < FIGURES.minContrast).length,
    smallTargets: small.length,
    lowMainTargets: f.targets.filter((t) => (t.kind === 'primary' || t.kind === 'row') && !small.includes(t) && t.height < FIGURES.minMainTarget).length,
    overlapsOrClips: f.problems.length,
  };
}

const COLUMNS: [keyof Counts, string][] = [
  ['texts', 'texts'],
  ['under14', '<14px'],
  ['under16', '<16px'],
  ['under18', '<18px'],
  ['mainUnder18', 'main<18'],
  ['lowContrast', 'contrast<4.5'],
  ['smallTargets', 'tap<44'],
  ['lowMainTargets', 'main tap<60'],
  ['overlapsOrClips', 'overlap/clip'],
];

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '-');

/** The counts per screen and in total, at each font size. */
export function summary(drawn: Drawn[]): string {
  const out: string[] = [];
  for (const scale of [...new Set(drawn.map((d) => d.scale))]) {
    const rows = drawn.filter((d) => d.scale === scale).map((d) => [d.id, counts(d.figures)] as const);
    const total = Object.fromEntries(COLUMNS.map(([k]) => [k, rows.reduce((s, [, c]) => s + c[k], 0)])) as unknown as Counts;
    const width = Math.max(...rows.map(([id]) => id.length), 5);
    out.push(`WeChat font ×${scale}${scale === CARE_SCALE ? ' (关怀模式)' : ' (standard)'}, ${rows.length} screens at 375 px`);
    out.push([''.padEnd(width), ...COLUMNS.map(([, h]) => h.padStart(12))].join(' '));
    for (const [id, c] of [...rows, ['TOTAL', total] as const]) out.push([id.padEnd(width), ...COLUMNS.map(([k]) => String(c[k]).padStart(12))].join(' '));
    out.push(
      `text under 14 px: ${pct(total.under14, total.texts)}, under 16 px: ${pct(total.under16, total.texts)}, under 18 px: ${pct(total.under18, total.texts)}; ` +
        `main text under 18 px: ${total.mainUnder18}; contrast under 4.5: ${total.lowContrast}; tappables under 44×44: ${total.smallTargets}; ` +
        `primary actions and rows under 60 px: ${total.lowMainTargets}; overlapping or clipped text: ${total.overlapsOrClips}`,
      '',
    );
  }
  return out.join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A page to browse every screen: both font sizes side by side, first screen and whole page. */
export function indexHtml(drawn: Drawn[], png: (d: Drawn, whole: boolean) => string): string {
  const ids = [...new Set(drawn.map((d) => d.id))];
  const sections = ids.map((id) => {
    const both = drawn.filter((d) => d.id === id);
    const s = both[0].scenario;
    const cells = both
      .map((d) => {
        const b = breaches(d.figures);
        return `<figure><figcaption>${d.scale === 1 ? '标准字体' : `关怀模式 ×${d.scale}`} — <a href="${png(d, true)}">整页</a> · <a href="${png(d, false).replace(/\.png$/, '.html')}">HTML</a></figcaption>
<a href="${png(d, true)}"><img src="${png(d, false)}" width="375" alt="${esc(id)}"></a>
<p class="${b.length ? 'bad' : 'ok'}">${b.length ? `${b.length} 处不达标` : '达标'}</p>${b.length ? `<details><summary>明细</summary><ul>${b.map((x) => `<li>${esc(x)}</li>`).join('')}</ul></details>` : ''}</figure>`;
      })
      .join('');
    const unrendered = [...new Set(both.flatMap((d) => d.figures.unrendered))];
    return `<section id="${esc(id)}"><h2>${esc(s.page)}${s.variant ? ` · ${esc(s.variant)}` : ''}</h2>
<p>${esc(s.shows)} — as <code>${esc(s.as)}</code></p>
${unrendered.length ? `<p class="note">Not drawn as on the phone: ${unrendered.map(esc).join('; ')}</p>` : ''}
<div class="pair">${cells}</div></section>`;
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>工会服务 screens</title><style>
body { font-family: sans-serif; margin: 24px; background: #fafafa; color: #222; }
.pair { display: flex; gap: 32px; flex-wrap: wrap; } figure { margin: 0; } img { border: 1px solid #ccc; }
.ok { color: #1a6b34; } .bad { color: #a01117; font-weight: bold; } .note { color: #555; } nav a { margin-right: 12px; }
</style></head><body><h1>工会服务: every screen</h1>
<p>Drawn by <code>npm run screens</code>: each page rendered under miniprogram-simulate as its demo person with real data from
localcloud, drawn in Chromium with the real WXSS and TDesign's styles at 375 px, at WeChat's standard font and at 关怀模式.
Not drawn: WeChat's native parts (the sheet a picker opens, wx.showModal, toasts, the keyboard), canvas (the dashboard's chart);
the icons are TDesign's, from @iconify-json/tdesign, as the phone loads them from TDesign's CDN.</p>
<nav>${ids.map((id) => `<a href="#${esc(id)}">${esc(id)}</a>`).join(' ')}</nav>
${sections.join('\n')}</body></html>`;
}
