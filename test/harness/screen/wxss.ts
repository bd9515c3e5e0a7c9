// WXSS as Chromium reads it, for the pages the harness renders under miniprogram-simulate: rpx become px
// (750 rpx = the screen's width), WeChat's tags become the tags simulate renders (`view` → `wx-view`), and
// every class takes the scope prefix simulate gives a component's classes (`.title` in the page's sheet →
// `.main--title`; in t-cell's → `.t-cell--title`). A sheet that reaches into other components' classes, as a
// page's reaches TDesign's (their styleIsolation is apply-shared), lists every scope it reaches: the class
// becomes `:is(.main--title, .t-cell--title)`, one class of specificity, as in WeChat.
import fs from 'node:fs';
import path from 'node:path';
import postcss, { type AtRule, type Root, type Rule } from 'postcss';
import selectorParser from 'postcss-selector-parser';

/** WeChat's own components: a tag selector names them without the `wx-` that the rendered elements carry. */
export const BUILTIN_TAGS = [
  'view', 'text', 'image', 'button', 'input', 'textarea', 'picker', 'picker-view', 'picker-view-column', 'scroll-view', 'swiper',
  'swiper-item', 'icon', 'label', 'switch', 'slider', 'radio', 'radio-group', 'checkbox', 'checkbox-group', 'form', 'navigator',
  'canvas', 'rich-text', 'progress', 'cover-view', 'cover-image', 'movable-area', 'movable-view', 'video', 'map', 'web-view',
];

export interface SheetOptions {
  /** the scope prefixes a class of this sheet may carry: its own first */
  scopes: string[];
  /** px per rpx: the screen's width / 750 */
  pxPerRpx: number;
}

/** The text of a .wxss file with its @imports inlined (relative to the importing file), each once. */
export function readWxss(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !fs.existsSync(file)) return '';
  seen.add(file);
  return fs
    .readFileSync(file, 'utf8')
    .replace(/@import\s+(?:"([^"]+)"|'([^']+)')\s*;/g, (_m, a?: string, b?: string) => readWxss(path.resolve(path.dirname(file), a ?? b ?? ''), seen));
}

const RPX = /(-?\d*\.?\d+)rpx\b/g;

/** `36rpx` → `18px` at 375 px; other units untouched. */
export function rpxToPx(value: string, pxPerRpx: number): string {
  return value.replace(RPX, (_m, n: string) => `${round(Number(n) * pxPerRpx)}px`);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** A selector rewritten for the scopes, and the classes (as written) an element must carry for it to match. */
function rewriteSelector(selector: string, scopes: string[]): { selector: string; needs: string[] } {
  const needs: string[] = [];
  const rewritten = selectorParser((root) => {
    root.walk((node) => {
      if (node.type === 'class') {
        const name = node.value;
        let negated = false;
        for (let p = node.parent; p; p = p.parent) if (p.type === 'pseudo') negated = true;
        if (!negated) needs.push(name);
        if (scopes.length === 1) return void (node.value = `${scopes[0]}--${name}`);
        const either = selectorParser.pseudo({ value: ':is' });
        for (const s of scopes) either.append(selectorParser.selector({ nodes: [selectorParser.className({ value: `${s}--${name}` })], value: '' }));
        node.replaceWith(either);
      } else if (node.type === 'tag' && BUILTIN_TAGS.includes(node.value)) {
        node.value = `wx-${node.value}`;
      } else if (node.type === 'pseudo' && node.value === ':host') {
        // a component's own element: the tag simulate renders it as, which is its scope
        node.replaceWith(selectorParser.tag({ value: scopes[0] }));
      }
    });
  }).processSync(selector);
  return { selector: rewritten, needs };
}

/** Font files the mini-program loads from the network (TDesign's icon font): the closed test machine has none. */
const remoteFont = (rule: AtRule) => rule.name === 'font-face' && /url\(\s*['"]?https?:/.test(rule.toString());

/** One top-level rule of a compiled sheet: it can match only where every class of one of its selectors is used. */
interface Chunk {
  css: string;
  /** per selector of the rule, the classes it needs; empty: always kept (at-rules, tag selectors) */
  alternatives: string[][];
}

/** A WXSS sheet compiled for Chromium; `css(used)` leaves out the rules no element can match. */
export class Sheet {
  constructor(private readonly chunks: Chunk[]) {}

  /** The CSS; with `used` (the class names, as written, that the document's elements carry) only the rules
   *  whose classes are all among them: TDesign's sheets are mostly variants a page does not show. */
  css(used?: Set<string>): string {
    return this.chunks
      .filter((c) => !used || !c.alternatives.length || c.alternatives.some((needs) => needs.every((n) => used.has(n))))
      .map((c) => c.css)
      .join('\n');
  }
}

/** One WXSS sheet as CSS for the rendered page. */
export function compileWxss(source: string, opts: SheetOptions): Sheet {
  const root: Root = postcss.parse(source);
  root.walkAtRules((rule) => {
    if (rule.name === 'import' || remoteFont(rule)) rule.remove();
  });
  const alternatives = new Map<Rule, string[][]>();
  root.walkRules((rule: Rule) => {
    const parent = rule.parent;
    if (parent?.type === 'atrule' && /keyframes$/.test((parent as AtRule).name)) return;
    const parts = rule.selectors.map((sel) => rewriteSelector(sel, opts.scopes));
    rule.selectors = parts.map((p) => p.selector);
    alternatives.set(rule, parts.map((p) => p.needs));
  });
  root.walkDecls((decl) => {
    decl.value = rpxToPx(decl.value, opts.pxPerRpx);
  });
  return new Sheet(root.nodes.map((node) => ({ css: node.toString(), alternatives: node.type === 'rule' ? (alternatives.get(node) ?? []) : [] })));
}
