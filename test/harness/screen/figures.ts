// A captured page (capture.ts) opened in Chromium, and what the MIIT 适老化 figures measure on it, read from
// Chromium's computed styles and layout: every visible text (its size, its contrast with what is behind it,
// whether it is main text, secondary text or a tab label), every element a finger acts on (its size, whether
// it is a primary action or a list row), text that overlaps other text or is clipped, and what could not be
// drawn. `breaches` turns the figures into the failures the browser tests report.
import type { BrowserContext, Page } from 'playwright-core';
import { PHONE } from '../miniprogram';
import type { Captured } from './capture';

/** The figures (MIIT《移动互联网应用（APP）适老化通用设计规范》, elder mode; WeChat's 小程序适老化设计指南). */
export const FIGURES = {
  /** no visible text smaller (px) */
  minText: 14,
  /** main text: body, labels, list titles, buttons */
  minMainText: 18,
  /** tab-bar labels */
  minTabText: 14,
  minContrast: 4.5,
  /** every tappable, both sides */
  minTarget: 44,
  /** primary actions and list rows, height */
  minMainTarget: 60,
  /** a tappable at least this share of the screen's width is a list row or a block action */
  rowWidthShare: 0.8,
  /** a text this short (characters) on two lines is a word broken (子女身份证 / 号) */
  shortText: 8,
};

/** 关怀模式 on a 375 px iPhone: 23.8 px for WeChat's standard 17 px. */
export const CARE_SCALE = 1.4;

/**
 * Text that may be smaller than main text (still at least FIGURES.minText): classes as written in WXML (without
 * simulate's scope prefix). Ours say so with `secondary`; TDesign's secondary slots are its cell
 * descriptions, input tips and counters.
 */
export const SECONDARY_CLASSES = ['secondary', 't-cell__description', 't-input__tips', 't-textarea__indicator'];

export interface TextFigure {
  text: string;
  /** the nearest element with a class, by its first classes */
  where: string;
  px: number;
  role: 'main' | 'secondary' | 'tab';
  placeholder: boolean;
  contrast: number;
  color: string;
  background: string;
}

export interface TargetFigure {
  where: string;
  text: string;
  width: number;
  height: number;
  /** a primary action or a list row (at least FIGURES.minMainTarget high), a form field or another target */
  kind: 'primary' | 'row' | 'field' | 'target';
}

export interface Problem {
  /** overlapping other text; clipped by a container or the screen; a short text, a date or a number broken
   *  over lines; a button's label out of its middle or against its sides */
  kind: 'overlap' | 'clipped' | 'broken' | 'off-centre' | 'cramped';
  where: string;
  text: string;
  /** what it overlaps, what clips it, how it is broken or where it sits */
  other: string;
}

export interface Figures {
  texts: TextFigure[];
  targets: TargetFigure[];
  problems: Problem[];
  /** what Chromium cannot show as the phone would: `canvas at .chart`, `picker at .date` */
  unrendered: string[];
  /** the page's full height, px */
  height: number;
}

/** Opens the captured page in a new tab of `context` (viewport PHONE) and waits for its layout. */
export async function openCaptured(context: BrowserContext, captured: Captured): Promise<Page> {
  const page = await context.newPage();
  await page.setContent(captured.html, { waitUntil: 'load' });
  return page;
}

/** A browser context shaped as the phone. */
export async function phoneContext(browser: { newContext(o: object): Promise<BrowserContext> }, deviceScaleFactor = 1): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: PHONE.width, height: PHONE.height }, deviceScaleFactor, locale: 'zh-CN' });
}

export async function measure(page: Page): Promise<Figures> {
  return page.evaluate(measureInPage, { secondary: SECONDARY_CLASSES, rowWidthShare: FIGURES.rowWidthShare, shortText: FIGURES.shortText });
}

/** Runs inside Chromium: self-contained. */
function measureInPage(args: { secondary: string[]; rowWidthShare: number; shortText: number }): Figures {
  const unprefixed = (c: string) => (c.includes('--') ? c.slice(c.indexOf('--') + 2) : c);
  const names = (el: Element) => [...el.classList].map(unprefixed);
  const describe = (el: Element | null): string => {
    let e = el;
    while (e && !e.classList.length && e.parentElement) e = e.parentElement;
    return e && e.classList.length ? `.${names(e).slice(0, 2).join('.')}` : (el?.tagName.toLowerCase() ?? '?');
  };
  const rgba = (s: string): number[] | null => {
    const m = s.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top: number[], below: number[]) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3]));
  /** the colour behind an element: its and its ancestors' backgrounds, laid over white */
  const backgroundOf = (el: Element): number[] => {
    const layers: number[][] = [];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const bg = rgba(getComputedStyle(e).backgroundColor);
      if (bg && bg[3] > 0) layers.push(bg);
      if (bg && bg[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255]);
  };
  const luminance = (c: number[]) => {
    const [r, g, b] = c.map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: number[], b: number[]) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const hex = (c: number[]) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
  const clipsBy = (el: Element): Element[] => {
    const out: Element[] = [];
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') out.push(e);
    }
    const own = getComputedStyle(el);
    if (own.overflowX !== 'visible' || own.overflowY !== 'visible') out.unshift(el);
    return out;
  };
  const inside = (r: DOMRect, box: DOMRect) => r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  const meets = (r: DOMRect, box: DOMRect) => r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top;

  const texts: Figures['texts'] = [];
  const problems: Problem[] = [];
  const lines: { rects: DOMRect[]; region: string; where: string; text: string; node: Node }[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').replace(/\u2060/g, '').replace(/\s+/g, ' ').trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('[data-chrome]') || el.closest('style')) continue;
    const cs = getComputedStyle(el);
    const color = rgba(cs.color);
    if (cs.visibility !== 'visible' || !color || color[3] === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
    if (!rects.length) continue;
    const clips = clipsBy(el);
    const visible = rects.filter((r) => clips.every((c) => meets(r, c.getBoundingClientRect())));
    if (!visible.length) continue; // hidden by its container on purpose (a collapsed part)
    const where = describe(el);
    // a field's value scrolls within it, as on the phone; its placeholder must show whole
    const scrolls = Boolean(el.closest('[data-value]'));
    const clipper = scrolls ? undefined : clips.find((c) => rects.some((r) => !inside(r, c.getBoundingClientRect())));
    if (clipper) problems.push({ kind: 'clipped', where, text, other: `by ${describe(clipper)}` });
    else if (!scrolls && rects.some((r) => r.right > window.innerWidth + 1 || r.left < -1)) problems.push({ kind: 'clipped', where, text, other: 'by the screen edge' });
    const fixed = (() => {
      for (let e: Element | null = el; e; e = e.parentElement) if (getComputedStyle(e).position === 'fixed') return true;
      return false;
    })();
    if (fixed && rects.some((r) => r.bottom > window.innerHeight + 1 || r.top < -1)) problems.push({ kind: 'clipped', where, text, other: 'by the screen edge under a fixed bar' });
    // a label of a few characters split over two lines (子女身份证 / 号): a word broken
    const linesOf = (rs: DOMRect[]) => new Set(rs.map((r) => Math.round(r.top))).size;
    if ([...text].length <= args.shortText && linesOf(rects) > 1) problems.push({ kind: 'broken', where, text, other: `over ${linesOf(rects)} lines` });
    // a date, a time or a long number split over two lines (2026- / 12-03) cannot be read at a glance
    const raw = node.textContent ?? '';
    for (const m of raw.matchAll(/\d{4}[-\u2011]\d{2}[-\u2011]\d{2}(?:[ \u00a0]\d{2}:\d{2})?|\d{2}:\d{2}|[\d*]{8,}/g)) {
      const part = document.createRange();
      part.setStart(node, m.index ?? 0);
      part.setEnd(node, (m.index ?? 0) + m[0].length);
      const partRects = [...part.getClientRects()].filter((r) => r.width > 0.5);
      if (linesOf(partRects) > 1) problems.push({ kind: 'broken', where, text, other: `“${m[0]}” over ${linesOf(partRects)} lines` });
    }
    const ellipsis = [el, ...clips].find((e) => getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1);
    if (ellipsis) problems.push({ kind: 'clipped', where, text, other: `by ${describe(ellipsis)} (…)` });
    // a sticky bar (批量批准) covers what scrolls under it with its own background, and takes its own room at
    // the end, so nothing stays hidden under it: its texts are compared with each other, not with the page's
    const sticky = (() => {
      for (let e: Element | null = el; e; e = e.parentElement) if (getComputedStyle(e).position === 'sticky') return describe(e);
      return null;
    })();
    const region = `${el.closest('[data-region]')?.getAttribute('data-region') ?? 'page'}${sticky ? ` sticky ${sticky}` : ''}`;
    let role: TextFigure['role'] = region.startsWith('tab-bar') ? 'tab' : 'main';
    for (let e: Element | null = el; e && role === 'main'; e = e.parentElement) if (names(e).some((n) => args.secondary.includes(n))) role = 'secondary';
    const opacity = [...(function* () { for (let e: Element | null = el; e; e = e.parentElement) yield Number(getComputedStyle(e).opacity); })()].reduce((a, b) => a * b, 1);
    const bg = backgroundOf(el);
    const fg = over([color[0], color[1], color[2], color[3] * opacity], bg);
    texts.push({
      text,
      where,
      px: Math.round(parseFloat(cs.fontSize) * 100) / 100,
      role,
      placeholder: Boolean(el.closest('[data-placeholder]')),
      contrast: Math.round(contrast(fg, bg) * 100) / 100,
      color: hex(fg),
      background: hex(bg),
    });
    lines.push({ rects: visible, region, where, text, node });
  }
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i];
      const b = lines[j];
      if (a.region !== b.region) continue;
      const hit = a.rects.some((ra) =>
        b.rects.some((rb) => {
          const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
          const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
          return w > 2 && h > Math.min(ra.height, rb.height) * 0.25;
        }),
      );
      if (hit) problems.push({ kind: 'overlap', where: a.where, text: a.text, other: `with ${b.where} “${b.text}”` });
    }
  }

  const targets: TargetFigure[] = [];
  for (const el of document.querySelectorAll('[data-tap]')) {
    if (el.closest('[data-chrome]')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const n = names(el);
    const primary = n.includes('t-button--primary') && !n.includes('t-button--text');
    const field = el.tagName === 'WX-INPUT' || el.tagName === 'WX-TEXTAREA';
    const kind: TargetFigure['kind'] = primary ? 'primary' : field ? 'field' : r.width >= window.innerWidth * args.rowWidthShare ? 'row' : 'target';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    targets.push({ where: describe(el), text, width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10, kind });
  }
  // a button's label sits in its middle (a page style that makes a TDesign button a block puts it at the top),
  // clear of its sides
  for (const el of document.querySelectorAll('wx-button')) {
    const box = el.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(el);
    const glyphs = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
    if (!box.height || !glyphs.length || el.closest('[data-chrome]')) continue;
    const top = Math.min(...glyphs.map((r) => r.top));
    const bottom = Math.max(...glyphs.map((r) => r.bottom));
    const left = Math.min(...glyphs.map((r) => r.left));
    const right = Math.max(...glyphs.map((r) => r.right));
    if (left < box.left + 8 || right > box.right - 8) {
      problems.push({ kind: 'cramped', where: describe(el), text: (el.textContent ?? '').trim(), other: `label within 8px of the sides of a ${Math.round(box.width)}px button` });
    }
    if (Math.abs((top + bottom) / 2 - (box.top + box.bottom) / 2) > 4) {
      problems.push({ kind: 'off-centre', where: describe(el), text: (el.textContent ?? '').trim(), other: `label ${Math.round((top + bottom) / 2 - box.top)}px from the top of a ${Math.round(box.height)}px button` });
    }
  }
  const unrendered = [...new Set([...document.querySelectorAll('[data-unrendered]')].map((el) => `${el.getAttribute('data-unrendered')} at ${describe(el)}`))];
  return { texts, targets, problems, unrendered, height: Math.ceil(document.documentElement.scrollHeight) };
}

/** What breaks the figures on one screen, one line each (empty: it meets them). */
export function breaches(f: Figures): string[] {
  const out: string[] = [];
  const quote = (t: { where: string; text: string }) => `${t.where} “${t.text.slice(0, 24)}”`;
  for (const t of f.texts) {
    const floor = t.role === 'main' && !t.placeholder ? FIGURES.minMainText : t.role === 'tab' ? FIGURES.minTabText : FIGURES.minText;
    if (t.px < floor) out.push(`${t.role} text ${t.px}px < ${floor}px: ${quote(t)}`);
    if (t.contrast < FIGURES.minContrast) out.push(`contrast ${t.contrast}:1 < ${FIGURES.minContrast}:1 (${t.color} on ${t.background}): ${quote(t)}`);
  }
  for (const t of f.targets) {
    if (t.width < FIGURES.minTarget || t.height < FIGURES.minTarget) out.push(`target ${t.width}×${t.height}px < ${FIGURES.minTarget}×${FIGURES.minTarget}: ${quote(t)}`);
    else if ((t.kind === 'primary' || t.kind === 'row') && t.height < FIGURES.minMainTarget) out.push(`${t.kind === 'primary' ? 'primary action' : 'list row'} ${t.height}px high < ${FIGURES.minMainTarget}px: ${quote(t)}`);
  }
  for (const p of f.problems) out.push(`${p.kind}: ${quote(p)} (${p.other})`);
  return out;
}

/**
 * Texts that did not grow with WeChat's font: each text of the screen at `scale` against the same text at the
 * standard size (paired in document order), outside ±0.08 of the scale. Tab labels excepted: the tab bar, like
 * WeChat's own, keeps its size (five labels fill the screen's width).
 */
export function unscaled(standard: Figures, scaled: Figures, scale: number): string[] {
  const out: string[] = [];
  const pool = new Map<string, TextFigure[]>();
  for (const t of standard.texts) pool.set(`${t.where}|${t.text}`, [...(pool.get(`${t.where}|${t.text}`) ?? []), t]);
  for (const t of scaled.texts) {
    const base = pool.get(`${t.where}|${t.text}`)?.shift();
    if (!base || t.role === 'tab') continue;
    const ratio = t.px / base.px;
    if (Math.abs(ratio - scale) > 0.08) out.push(`${t.where} “${t.text.slice(0, 24)}” is ${t.px}px at ×${scale}, ${base.px}px at ×1 (×${ratio.toFixed(2)})`);
  }
  return out;
}
