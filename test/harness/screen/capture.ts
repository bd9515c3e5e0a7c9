// A page rendered under miniprogram-simulate (test/harness/miniprogram.ts), as one HTML document Chromium can
// draw: the DOM simulate built (TDesign's inner structure included) and every WXSS that applies to it (app.wxss,
// the page's, each component's, TDesign's from dist/miniprogram) as CSS, with WeChat's own components' default
// look (wechat.css). Where simulate differs from WeChat it is corrected here:
// - a class given to a TDesign component (virtualHost: no element of its own) reaches its root element, as
//   WeChat's `class` external class does (simulate drops it);
// - an input or textarea shows its value or placeholder, an image its picture, a TDesign icon its SVG;
// - every element a finger can act on (a tap handler, a picker, a form field) is marked data-tap.
// What it cannot draw as the phone would (a picker's native sheet, canvas) the document says in
// data-unrendered; WeChat's modals, toasts and keyboard are not in a page's DOM at all.
import fs from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM, PHONE, type RenderedComponent } from '../miniprogram';
import { compileWxss, readWxss, type Sheet } from './wxss';

interface Node {
  is?: string;
  $$?: HTMLElement | null;
  shadowRoot?: Node;
  childNodes?: Node[];
  data?: Record<string, unknown>;
  classList?: { _rawNames?: string[]; _prefix?: string } | null;
  __wxEvents?: Record<string, unknown>;
}

/** A node simulate rendered as an element (text nodes have a DOM text node; virtual nodes none). */
const isElement = (n: Node): n is Node & { $$: HTMLElement } => n.$$?.nodeType === 1;

const exparserOf = (c: RenderedComponent) => (c as unknown as { _exparserNode: Node })._exparserNode;

/** Every node under `n`, its shadow trees included. */
function nodesUnder(n: Node, out: Node[] = []): Node[] {
  out.push(n);
  if (n.shadowRoot && typeof n.shadowRoot === 'object') nodesUnder(n.shadowRoot, out);
  for (const c of n.childNodes ?? []) nodesUnder(c, out);
  return out;
}

/** Elements of a component's own template (not of components nested in it) whose class lists `class`. */
function rootsTakingClass(host: Node): Node[] {
  const found: Node[] = [];
  const walk = (n: Node) => {
    if (isElement(n) && n.classList?._rawNames?.includes('class')) found.push(n);
    if (n.shadowRoot) return; // a nested component: its own `class`
    for (const c of n.childNodes ?? []) walk(c);
  };
  for (const c of host.shadowRoot?.childNodes ?? []) walk(c);
  return found;
}

const TAP_EVENTS = ['tap', 'longpress', 'longtap'];
/** TDesign's controls a finger acts on through their group (a radio of a radio-group, a tab of the tab bar):
 *  targets whether or not the page listens to them. */
const CONTROLS = ['t-radio', 't-checkbox', 't-switch', 't-tab-bar-item'];
/** The part of a TDesign control that takes the tap, where it is not the control's root element. */
const TARGET_PARTS = ['t-switch__body', 't-tab-bar-item__content'];

/**
 * Whether a tap on `n` does something for the user: a handler of ours; inside a TDesign component, its root
 * element (or the part that takes the tap) when someone listens to the component (a t-cell with bind:click)
 * or it is a control. TDesign's other elements listen to taps for their own plumbing (every t-icon, an
 * input's suffix); that alone makes no target.
 */
function acts(n: Node & { ownerShadowRoot?: { getHostNode?(): Node } }): boolean {
  if (!TAP_EVENTS.some((e) => n.__wxEvents?.[e])) return false;
  const scope = n.classList?._prefix ?? '';
  if (!scope.startsWith('t-')) return true;
  const raw = n.classList?._rawNames ?? [];
  if (!raw.includes('class') && !raw.some((c) => TARGET_PARTS.includes(c))) return false;
  if (CONTROLS.includes(scope)) return true;
  const host = n.ownerShadowRoot?.getHostNode?.();
  return Object.keys(host?.__wxEvents ?? {}).length > 0;
}

/** WeChat's components a finger acts on without a handler of ours (a picker, a field, a button). */
const TAPPABLE_TAGS = ['WX-PICKER', 'WX-INPUT', 'WX-TEXTAREA', 'WX-BUTTON'];

/** TDesign's icons as SVG (the same TDesign icon set, from @iconify-json/tdesign): the mini-program draws them
 *  with an icon font from tdesign.gtimg.com, which a closed machine cannot load. */
const ICONS = JSON.parse(fs.readFileSync(require.resolve('@iconify-json/tdesign/icons.json'), 'utf8')) as {
  icons: Record<string, { body: string }>;
  aliases?: Record<string, { parent: string }>;
  width: number;
  height: number;
};

/** The icon named by a `t-icon-NAME` class, as a CSS mask drawn in the text's colour. */
function iconStyle(el: Element): string | null {
  const name = [...el.classList].map((c) => c.replace(/^t-icon--/, '')).find((c) => c.startsWith('t-icon-') && c !== 't-icon-base')?.slice('t-icon-'.length);
  const icon = name && (ICONS.icons[name] ?? ICONS.icons[ICONS.aliases?.[name]?.parent ?? '']);
  if (!icon) return null;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${ICONS.width} ${ICONS.height}">${icon.body}</svg>`;
  return `-webkit-mask: url("data:image/svg+xml,${encodeURIComponent(svg)}") center / contain no-repeat; background: currentColor; width: 1em; height: 1em;`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The rendered elements of `root` with what the screen needs that simulate's DOM lacks, as HTML. */
function drawnHtml(root: Node, region: string): string {
  const nodes = nodesUnder(root);
  const patches = new Map<HTMLElement, ((el: Element) => void)[]>();
  const mark = (n: Node, patch: (el: Element) => void) => {
    if (!isElement(n)) return;
    patches.set(n.$$, [...(patches.get(n.$$) ?? []), patch]);
  };
  for (const n of nodes) {
    const raw = n.classList?._rawNames ?? [];
    if (!isElement(n) && n.shadowRoot && raw.length) {
      const owner = n.classList?._prefix;
      const names = raw.map((r) => (owner ? `${owner}--${r}` : r));
      for (const r of rootsTakingClass(n)) mark(r, (el) => el.classList.add(...names));
    }
  }
  for (const n of nodes) {
    if (!isElement(n)) continue;
    const el = n.$$;
    const tappable = acts(n) || TAPPABLE_TAGS.includes(el.tagName);
    const d = n.data ?? {};
    const prefix = n.classList?._prefix;
    const scoped = (classes: unknown) => String(classes ?? '').split(/\s+/).filter(Boolean).map((c) => (prefix ? `${prefix}--${c}` : c));
    mark(n, (clone) => {
      if (tappable) clone.setAttribute('data-tap', '');
      if (el.tagName === 'WX-INPUT' || el.tagName === 'WX-TEXTAREA') {
        const value = String(d.value ?? '');
        const span = clone.ownerDocument.createElement('span');
        if (value) {
          span.textContent = d.password ? '•'.repeat(value.length) : value;
          span.setAttribute('data-value', '');
        } else {
          span.textContent = String(d.placeholder ?? '');
          span.className = scoped(d.placeholderClass).join(' ');
          span.setAttribute('style', String(d.placeholderStyle ?? ''));
          span.setAttribute('data-placeholder', '');
        }
        clone.appendChild(span);
      } else if (el.tagName === 'WX-IMAGE' && d.src) {
        (clone as HTMLElement).style.backgroundImage = `url("${String(d.src)}")`;
        clone.setAttribute('data-mode', String(d.mode || 'scaleToFill'));
      } else if (el.tagName === 'WX-LABEL' && prefix === 't-icon') {
        const style = iconStyle(el);
        if (style) clone.setAttribute('style', `${clone.getAttribute('style') ?? ''};${style}`);
        clone.setAttribute('data-icon', '');
      } else if (el.tagName === 'WX-CANVAS') {
        clone.setAttribute('data-unrendered', 'canvas');
      } else if (el.tagName === 'WX-PICKER') {
        clone.setAttribute('data-unrendered', 'picker');
      }
    });
  }
  // patched on a copy, found again by a temporary id: the live page stays as simulate made it
  const work = [...patches.values()];
  [...patches.keys()].forEach((el, i) => el.setAttribute('data-sid', String(i)));
  const top = root.$$ as HTMLElement;
  const clone = top.cloneNode(true) as HTMLElement;
  for (const el of patches.keys()) el.removeAttribute('data-sid');
  for (const el of [clone, ...clone.querySelectorAll('[data-sid]')]) {
    const sid = el.getAttribute('data-sid');
    if (sid === null) continue;
    el.removeAttribute('data-sid');
    for (const patch of work[Number(sid)]) patch(el);
  }
  clone.setAttribute('data-region', region);
  return clone.outerHTML;
}

interface Used {
  /** the component's files without extension */
  file: string;
  /** the tag simulate names it by, which prefixes its classes */
  tag: string;
  /** page styles reach into it (styleIsolation apply-shared or shared, as TDesign's) */
  shared: boolean;
  children: Used[];
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string>; styleIsolation?: string; navigationBarTitleText?: string };

/** The components a page or component uses, as simulate registers them: depth first, each file once, under the
 *  tag it was first met by. */
function usedComponents(file: string, seen = new Map<string, Used>()): Used[] {
  const using = readJson(`${file}.json`).usingComponents ?? {};
  const out: Used[] = [];
  for (const [tag, ref] of Object.entries(using)) {
    const target = ref.startsWith('/') ? path.join(MINIPROGRAM, ref) : path.resolve(path.dirname(file), ref);
    if (!fs.existsSync(`${target}.json`)) continue;
    const known = seen.get(target);
    if (known) {
      out.push(known);
      continue;
    }
    const json = readJson(`${target}.json`);
    const used: Used = { file: target, tag, shared: ['apply-shared', 'shared'].includes(json.styleIsolation ?? ''), children: [] };
    seen.set(target, used);
    used.children = usedComponents(target, seen);
    out.push(used);
  }
  return out;
}

/** The shared components a sheet of `used` reaches: those it uses, and theirs, down through shared ones. */
function reached(children: Used[]): string[] {
  const tags = new Set<string>();
  const walk = (list: Used[]) => {
    for (const u of list) {
      if (!u.shared || tags.has(u.tag)) continue;
      tags.add(u.tag);
      walk(u.children);
    }
  };
  walk(children);
  return [...tags];
}

function flatten(list: Used[], out = new Map<string, Used>()): Map<string, Used> {
  for (const u of list) {
    if (out.has(u.file)) continue;
    out.set(u.file, u);
    flatten(u.children, out);
  }
  return out;
}

/** The tag the tab bar is rendered as: its own scope, not the page's. */
export const TAB_BAR_TAG = 'custom-tab-bar';

const compiled = new Map<string, Sheet>();

/** A .wxss file compiled for the scopes, once per run. */
function sheet(file: string, scopes: string[]): Sheet {
  const key = `${file}|${scopes.join(',')}`;
  let s = compiled.get(key);
  if (!s) compiled.set(key, (s = compileWxss(readWxss(file), { scopes, pxPerRpx: PHONE.pxPerRpx })));
  return s;
}

/** Every sheet that applies to the page `rel` (and the tab bar, when shown), in WeChat's order. */
function sheetsFor(rel: string, withTabBar: boolean): Sheet[] {
  const pageFile = path.join(MINIPROGRAM, rel);
  const pageUses = usedComponents(pageFile);
  const tabBarFile = path.join(MINIPROGRAM, 'custom-tab-bar/index');
  const tabBar: Used | null = withTabBar
    ? { file: tabBarFile, tag: TAB_BAR_TAG, shared: readJson(`${tabBarFile}.json`).styleIsolation === 'apply-shared', children: usedComponents(tabBarFile) }
    : null;
  const pageScopes = ['main', ...reached(pageUses)];
  // app.wxss reaches the page and every component that takes global styles
  const appScopes = [...new Set([...pageScopes, ...(tabBar?.shared ? [tabBar.tag, ...reached(tabBar.children)] : [])])];
  const components = flatten([...pageUses, ...(tabBar ? [tabBar] : [])]);
  return [
    sheet(path.join(MINIPROGRAM, 'app.wxss'), appScopes),
    ...[...components.values()].map((u) => sheet(`${u.file}.wxss`, [u.tag, ...reached(u.children)])),
    sheet(`${pageFile}.wxss`, pageScopes),
  ];
}

/** The class names (as written, without simulate's prefix) the elements of `html` carry. */
function classNamesIn(html: string): Set<string> {
  const names = new Set<string>();
  for (const m of html.matchAll(/class="([^"]*)"/g)) for (const c of m[1].split(/\s+/)) if (c) names.add(c.includes('--') ? c.slice(c.indexOf('--') + 2) : c);
  return names;
}

/** The title WeChat's navigation bar shows for the page. */
function titleOf(rel: string): string {
  const own = readJson(path.join(MINIPROGRAM, `${rel}.json`)).navigationBarTitleText;
  const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8')) as { window?: { navigationBarTitleText?: string } };
  return own ?? app.window?.navigationBarTitleText ?? '';
}

const WECHAT_CSS = fs.readFileSync(path.join(__dirname, 'wechat.css'), 'utf8');

export interface Captured {
  /** the page's path in the mini-program, e.g. pages/index/index */
  rel: string;
  html: string;
}

/**
 * The page as one HTML document: WeChat's navigation bar (drawn, not measured: data-chrome), the page and, for
 * a tab page, the tab bar (rendered separately with the tag TAB_BAR_TAG).
 */
export function capture(rel: string, page: RenderedComponent, tabBar?: RenderedComponent): Captured {
  const body = drawnHtml(exparserOf(page), 'page') + (tabBar ? drawnHtml(exparserOf(tabBar), 'tab-bar') : '');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=${PHONE.width}">
<style>${WECHAT_CSS}</style>
<style>${sheetsFor(rel, Boolean(tabBar)).map((s) => s.css(classNamesIn(body))).join('\n')}</style></head>
<body><div class="wechat-nav" data-chrome><div class="wechat-nav__status"></div><div class="wechat-nav__title">${escapeHtml(titleOf(rel))}</div></div>
<page>${body}</page></body></html>`;
  return { rel, html };
}
