// Renders mini-program pages (built into dist/miniprogram) under miniprogram-simulate, with the wx APIs that
// reach the outside, wx.request, wx.uploadFile and wx.downloadFile, done for real over HTTP, so a page's calls,
// uploads and downloads go through the localcloud gateway to the real functions and storage. The phone's own
// parts are stood in for: wx.chooseMedia hands over the files a test set (chooseMediaReturns), wx.showModal
// answers as a test said (answerModals), and navigations, the clipboard and opened documents are recorded
// (wxLog). Canvas nodes are not simulated: a chart finds none and draws nothing.
// wx.requestSubscribeMessage answers as a test said (answerSubscribePrompts), only within a tap.
// Use from test files with `@jest-environment jsdom`.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './localcloud';
import { rpxToPx } from './screen/wxss';

export const MINIPROGRAM = path.join(ROOT, 'dist/miniprogram');

// Minimal local shapes: importing the mini-program typings here would leak their global `require` into
// the Node side of the type check.
interface RequestOptions {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  success?(res: { statusCode: number; data: unknown; header: unknown; cookies: string[]; errMsg: string }): void;
  fail?(err: { errMsg: string; errno: number }): void;
  complete?(res: unknown): void;
}

/** The parts of miniprogram-simulate the page tests use. */
export interface RenderedComponent {
  data: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  instance: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  dom?: HTMLElement;
  attach(parent: Element): void;
  detach(): void;
  setData(data: Record<string, unknown>): void;
  querySelector(selector: string): (RenderedComponent & { dispatchEvent(name: string, detail?: unknown): void }) | null;
  querySelectorAll(selector: string): (RenderedComponent & { dispatchEvent(name: string, detail?: unknown): void })[];
  triggerLifeTime(name: string): void;
  triggerPageLifeTime?(name: string, args?: unknown): void;
}

export interface Simulate {
  load(componentPath: string, tagName?: string, options?: Record<string, unknown>): string;
  load(definition: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): RenderedComponent;
  sleep(ms: number): Promise<void>;
}

/** Requests a page has sent and not yet had answered (see idle()). */
let inFlight = 0;

/** wx.request over node:http; answers like the mini-program runtime (statusCode, data parsed as JSON). */
function realRequest(options: RequestOptions): void {
  inFlight += 1;
  const done = () => void (inFlight -= 1);
  const url = new URL(options.url);
  const body = options.data === undefined ? '' : typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
  const req = http.request(
    url,
    { method: options.method ?? 'GET', headers: { ...(options.header as Record<string, string>), 'content-length': Buffer.byteLength(body) } },
    (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          /* not JSON: the runtime hands over the string */
        }
        const result = { statusCode: res.statusCode ?? 0, data, header: res.headers, cookies: [], errMsg: 'request:ok' };
        done();
        options.success?.(result);
        options.complete?.(result);
      });
    },
  );
  req.on('error', (e) => {
    const err = { errMsg: `request:fail ${e.message}`, errno: -1 };
    done();
    options.fail?.(err);
    options.complete?.(err);
  });
  req.end(body);
}

interface UploadOptions {
  url: string;
  filePath: string;
  name: string;
  header?: Record<string, string>;
  formData?: Record<string, string>;
  success?(res: { statusCode: number; data: string; errMsg: string }): void;
  fail?(err: { errMsg: string; errno: number }): void;
  complete?(res: unknown): void;
}

type ProgressListener = (p: { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number }) => void;

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', pdf: 'application/pdf',
};
/** Bytes per write of an upload body, so a file of a few KB already reports progress more than once. */
const UPLOAD_CHUNK = 1024;

/**
 * wx.uploadFile as a real multipart POST over node:http, reading `filePath` from disk. Answers like the
 * runtime: `data` is the reply body as a string; the returned task's onProgressUpdate reports as the body is
 * written.
 */
function realUploadFile(options: UploadOptions) {
  const listeners: ProgressListener[] = [];
  const task = {
    onProgressUpdate: (l: ProgressListener) => void listeners.push(l),
    offProgressUpdate: (l: ProgressListener) => void listeners.splice(listeners.indexOf(l) >>> 0, 1),
    abort: () => req?.destroy(new Error('abort')),
  };
  const fail = (message: string) => {
    const err = { errMsg: `uploadFile:fail ${message}`, errno: -1 };
    options.fail?.(err);
    options.complete?.(err);
  };
  let req: http.ClientRequest | undefined;
  setTimeout(() => {
    let file: Buffer;
    try {
      file = fs.readFileSync(options.filePath);
    } catch (e) {
      return fail((e as Error).message);
    }
    const boundary = `----simulate${Date.now().toString(16)}`;
    const ext = path.extname(options.filePath).slice(1).toLowerCase();
    const fieldParts = Object.entries(options.formData ?? {}).map(
      ([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    );
    const head = Buffer.from(
      fieldParts.join('') +
        `--${boundary}\r\ncontent-disposition: form-data; name="${options.name}"; filename="${path.basename(options.filePath)}"\r\n` +
        `content-type: ${CONTENT_TYPES[ext] ?? 'application/octet-stream'}\r\n\r\n`,
    );
    const body = Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    req = http.request(
      new URL(options.url),
      {
        method: 'POST',
        headers: { ...options.header, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const result = { statusCode: res.statusCode ?? 0, data: Buffer.concat(chunks).toString('utf8'), errMsg: 'uploadFile:ok' };
          options.success?.(result);
          options.complete?.(result);
        });
      },
    );
    req.on('error', (e) => fail(e.message));
    let sent = 0;
    const writeNext = () => {
      while (sent < body.length) {
        const chunk = body.subarray(sent, sent + UPLOAD_CHUNK);
        sent += chunk.length;
        const report = { progress: Math.floor((sent / body.length) * 100), totalBytesSent: sent, totalBytesExpectedToSend: body.length };
        listeners.forEach((l) => l(report));
        if (!req!.write(chunk)) return void req!.once('drain', writeNext);
      }
      req!.end();
    };
    writeNext();
  }, 0);
  return task;
}

interface DownloadOptions {
  url: string;
  header?: Record<string, string>;
  success?(res: { statusCode: number; tempFilePath: string; errMsg: string }): void;
  fail?(err: { errMsg: string; errno: number }): void;
  complete?(res: unknown): void;
}

/** wx.downloadFile as a real GET over node:http into a fresh temporary file, whose path it hands over as the
 *  runtime does (`tempFilePath`, with the status code whatever it was). */
function realDownloadFile(options: DownloadOptions): void {
  const fail = (message: string) => {
    const err = { errMsg: `downloadFile:fail ${message}`, errno: -1 };
    options.fail?.(err);
    options.complete?.(err);
  };
  const req = http.get(new URL(options.url), { headers: options.header }, (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => {
      const name = path.basename(new URL(options.url).pathname) || 'download';
      const tempFilePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wx-download-')), name);
      fs.writeFileSync(tempFilePath, Buffer.concat(chunks));
      const result = { statusCode: res.statusCode ?? 0, tempFilePath, errMsg: 'downloadFile:ok' };
      options.success?.(result);
      options.complete?.(result);
    });
  });
  req.on('error', (e) => fail(e.message));
}

/** What the phone's own parts were asked to do, for assertions. */
export const wxLog = {
  /** each navigation: the API called ('navigateTo', 'redirectTo', …) and the url */
  navigations: [] as { api: string; url: string }[],
  /** each wx.showModal: title and content */
  modals: [] as { title: string; content: string }[],
  /** each wx.showToast title */
  toasts: [] as string[],
  /** the text of each wx.setClipboardData */
  clipboard: [] as string[],
  /** each wx.openDocument: the file, its type and whether the share menu shows */
  documents: [] as { filePath: string; fileType?: string; showMenu?: boolean }[],
};

let mediaToReturn: string[] = [];
let modalConfirms = true;

/** The files (paths on disk) the next wx.chooseMedia hands over, as if the user picked or took them. */
export function chooseMediaReturns(paths: string[]): void {
  mediaToReturn = paths;
}

/** How the user answers every following wx.showModal: confirm (true) or cancel. */
export function answerModals(confirm: boolean): void {
  modalConfirms = confirm;
}

let subscribeAnswer: boolean | string[] = false;
/** Each wx.requestSubscribeMessage: the template ids asked for and how it ended (the answer, or its failure). */
export const subscribePrompts: { tmplIds: string[]; result: Record<string, string> }[] = [];

/** How the member answers every following subscription prompt: accept all (true), reject all (false), or
 *  accept the listed template ids and reject the rest. */
export function answerSubscribePrompts(accept: boolean | string[]): void {
  subscribeAnswer = accept;
}

/** > 0 while a component method handling a tap runs its synchronous part: WeChat shows the subscription prompt
 *  only when it is asked for then. */
let tapDepth = 0;

/** Lets each method of a component definition know when it handles a tap (see tapDepth). */
function tapAware(options: ComponentOptions): ComponentOptions {
  const methods = options.methods as Record<string, unknown> | undefined;
  if (!methods) return options;
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(methods)) {
    if (typeof fn !== 'function') {
      wrapped[name] = fn;
      continue;
    }
    wrapped[name] = function (this: unknown, ...args: unknown[]) {
      const tap = (args[0] as { type?: string } | undefined)?.type === 'tap';
      if (tap) tapDepth += 1;
      try {
        return fn.apply(this, args);
      } finally {
        if (tap) tapDepth -= 1;
      }
    };
  }
  return { ...options, methods: wrapped };
}

/** POST JSON to the localcloud the mini-program talks to (set by actAs). */
function postToLocalcloud(p: string, body: unknown): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { env } = require(path.join(MINIPROGRAM, 'services/env.js')) as { env: { localGateway: string } };
  return new Promise((resolve, reject) =>
    realRequest({
      url: `${env.localGateway}${p}`,
      method: 'POST',
      data: body,
      header: { 'content-type': 'application/json' },
      success: (r) => (r.statusCode === 200 ? resolve() : reject(new Error(`POST ${p}: ${r.statusCode}`))),
      fail: (e) => reject(new Error(e.errMsg)),
    }),
  );
}

/**
 * wx.requestSubscribeMessage as WeChat does it: refused unless asked for during a tap, at most 3 templates;
 * the member answers as the test said (answerSubscribePrompts), WeChat records one send of each accepted
 * template for the member (localcloud's POST /__localcloud/openapi/subscriptions), then the page gets
 * {errMsg, [templateId]: 'accept' | 'reject'}.
 */
function requestSubscribeMessage(o: { tmplIds: string[]; success?(r: unknown): void; fail?(e: unknown): void; complete?(r: unknown): void }) {
  const tmplIds = o.tmplIds ?? [];
  // With callbacks the runtime reports a failure to them alone; without, the returned promise rejects.
  const callbacks = Boolean(o.success || o.fail || o.complete);
  const fail = (errCode: number, message: string) => {
    const err = { errMsg: `requestSubscribeMessage:fail ${message}`, errCode };
    subscribePrompts.push({ tmplIds, result: { errMsg: err.errMsg } });
    return Promise.resolve().then(() => {
      o.fail?.(err);
      o.complete?.(err);
      if (!callbacks) throw err;
    });
  };
  if (tapDepth === 0) return fail(10005, 'can only be invoked by user TAP gesture.');
  if (!tmplIds.length) return fail(10001, "TmplIds can't be empty");
  if (tmplIds.length > 3) return fail(20003, 'Templates count out of max bounds');
  const accepted = tmplIds.filter((id) => subscribeAnswer === true || (Array.isArray(subscribeAnswer) && subscribeAnswer.includes(id)));
  const result: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
  for (const id of tmplIds) result[id] = accepted.includes(id) ? 'accept' : 'reject';
  const openid = (globalThis as unknown as { wx: { getStorageSync(k: string): string } }).wx.getStorageSync('dev.openid');
  const granted = accepted.length ? postToLocalcloud('/__localcloud/openapi/subscriptions', { openid, templateIds: accepted }) : Promise.resolve();
  return granted.then(
    () => {
      subscribePrompts.push({ tmplIds, result });
      return answer(o, result);
    },
    () => fail(10002, 'network error'),
  );
}

/** Calls the callbacks of a wx API taking them, and resolves the promise the runtime returns without them. */
function answer<T>(options: { success?(r: T): void; complete?(r: T): void }, result: T): Promise<T> {
  options.success?.(result);
  options.complete?.(result);
  return Promise.resolve(result);
}

/** The phone's parts: media picker, modal, toast and navigation, answering as a test set. */
function phoneParts() {
  const navigate = (api: string) => (o: { url: string; success?(r: unknown): void; complete?(r: unknown): void }) => {
    wxLog.navigations.push({ api, url: o.url });
    return answer(o, { errMsg: `${api}:ok` });
  };
  return {
    chooseMedia(o: { count?: number; success?(r: unknown): void; complete?(r: unknown): void; fail?(e: unknown): void }) {
      const picked = mediaToReturn.slice(0, o.count ?? 9);
      mediaToReturn = [];
      if (picked.length === 0) {
        const err = { errMsg: 'chooseMedia:fail cancel' };
        o.fail?.(err);
        o.complete?.(err);
        return Promise.reject(err);
      }
      const tempFiles = picked.map((p) => ({ tempFilePath: p, size: fs.statSync(p).size, fileType: 'image', duration: 0, height: 0, width: 0, thumbTempFilePath: '' }));
      return answer(o, { type: 'image', tempFiles, errMsg: 'chooseMedia:ok' });
    },
    showModal(o: { title?: string; content?: string; success?(r: unknown): void; complete?(r: unknown): void }) {
      wxLog.modals.push({ title: o.title ?? '', content: o.content ?? '' });
      return answer(o, { confirm: modalConfirms, cancel: !modalConfirms, errMsg: 'showModal:ok' });
    },
    showToast(o: { title: string; success?(r: unknown): void; complete?(r: unknown): void }) {
      wxLog.toasts.push(o.title);
      return answer(o, { errMsg: 'showToast:ok' });
    },
    setClipboardData(o: { data: string; success?(r: unknown): void; complete?(r: unknown): void }) {
      wxLog.clipboard.push(o.data);
      return answer(o, { errMsg: 'setClipboardData:ok' });
    },
    openDocument(o: { filePath: string; fileType?: string; showMenu?: boolean; success?(r: unknown): void; fail?(e: unknown): void; complete?(r: unknown): void }) {
      wxLog.documents.push({ filePath: o.filePath, fileType: o.fileType, showMenu: o.showMenu });
      if (fs.existsSync(o.filePath)) return answer(o, { errMsg: 'openDocument:ok' });
      const err = { errMsg: 'openDocument:fail file not found' };
      o.fail?.(err);
      o.complete?.(err);
      return Promise.reject(err);
    },
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    reLaunch: navigate('reLaunch'),
    navigateBack(o: { delta?: number; success?(r: unknown): void; complete?(r: unknown): void } = {}) {
      wxLog.navigations.push({ api: 'navigateBack', url: '' });
      return answer(o, { errMsg: 'navigateBack:ok' });
    },
    requestSubscribeMessage,
  };
}

/** Storage as the runtime keeps it: per test, in memory. */
function memoryStorage() {
  const store = new Map<string, unknown>();
  return {
    getStorageSync: (k: string) => (store.has(k) ? store.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => void store.set(k, v),
    removeStorageSync: (k: string) => void store.delete(k),
    clearStorageSync: () => store.clear(),
  };
}

/** Installs the real wx.request and wx.uploadFile, the phone's parts and fresh storage, then loads
 *  miniprogram-simulate. */
export function setupMiniprogram(): Simulate {
  const g = globalThis as unknown as { wx?: Record<string, unknown> };
  g.wx = { ...(g.wx ?? {}), request: realRequest, uploadFile: realUploadFile, downloadFile: realDownloadFile, ...phoneParts(), ...memoryStorage() };
  // The runtime's globals that component code (TDesign's included) calls at construction time.
  const runtime = globalThis as unknown as { getApp(): object; getCurrentPages(): object[] };
  const app = { globalData: {} };
  runtime.getApp = () => app;
  runtime.getCurrentPages = () => [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulate = require('miniprogram-simulate') as Simulate;
  rerunnableComponents();
  drawableBuiltins();
  g.wx = { ...g.wx, ...phoneScreen() };
  return simulate;
}

/** The phone the pages render for: a 375 px wide screen (750 rpx = 375 px), WeChat's font at `fontScale`. */
export const PHONE = { width: 375, height: 812, pxPerRpx: 375 / 750 };

/** WeChat's standard font size on iOS (px); 关怀模式 is 23.8 px, a scale factor of 1.4. */
const STANDARD_FONT_PX = 17;
let fontScale = 1;

/** The font size the user chose in WeChat (我 > 设置 > 通用 > 字体大小), as a factor of the standard 17 px. */
export function useWeChatFontScale(factor: number): void {
  fontScale = factor;
}

/** wx.getAppBaseInfo and wx.getWindowInfo for PHONE, with the chosen font (simulate's have a 428 px screen and no
 *  font scale). */
function phoneScreen() {
  const g = globalThis as unknown as { wx: Record<string, (...a: unknown[]) => Record<string, unknown>> };
  const base = g.wx.getAppBaseInfo;
  const window = g.wx.getWindowInfo;
  return {
    getAppBaseInfo: () => ({ ...base(), fontSizeSetting: STANDARD_FONT_PX * fontScale, fontSizeScaleFactor: fontScale }),
    getWindowInfo: () => ({ ...window(), pixelRatio: 2, screenWidth: PHONE.width, screenHeight: PHONE.height, windowWidth: PHONE.width, windowHeight: PHONE.height - 88 }),
  };
}

/**
 * What simulate drops and a screen shows (test/harness/screen/): it registers WeChat's own components bare, so an
 * input's value and placeholder or an image's src are nowhere; registered again with those properties, the
 * capture can draw them. And simulate turns rpx in inline styles into as many px; here 750 rpx are the phone's
 * 375 px.
 */
function drawableBuiltins(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jComponent = require('j-component') as { register(definition: Record<string, unknown>): void };
  const any = (value: unknown = '') => ({ type: null, value });
  const field = { value: any(), placeholder: any(), placeholderClass: any(), placeholderStyle: any(), password: any(false), type: any() };
  const shown: Record<string, Record<string, unknown>> = { input: field, textarea: field, image: { src: any(), mode: any() }, canvas: { type: any() } };
  for (const [name, properties] of Object.entries(shown)) jComponent.register({ id: name, tagName: `wx-${name}`, template: '<slot/>', properties });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const utils = require('j-component/src/tool/utils') as { transformRpx(style: string): string };
  utils.transformRpx = (style) => rpxToPx(style, PHONE.pxPerRpx);
}

type ComponentOptions = Record<string, unknown> & { relations?: Record<string, object> };

/**
 * miniprogram-simulate registers a component by running its .js file, and re-runs it for every load by
 * deleting it from require.cache; jest's require.cache refuses deletes, so a file runs once per test file and
 * a second render of the same page would find nothing registered. So remember what each file passed to
 * Component() and hand that over again (relations copied: simulate rewrites them in place).
 */
function rerunnableComponents(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const utils = require('miniprogram-simulate/src/utils') as { runJs(file: string): void };
  const g = globalThis as unknown as { Component(options: ComponentOptions): void };
  const copy = (o: ComponentOptions): ComponentOptions =>
    o.relations ? { ...o, relations: Object.fromEntries(Object.entries(o.relations).map(([k, v]) => [k, { ...v }])) } : { ...o };
  const definitions = new Map<string, ComponentOptions>();
  const runJs = utils.runJs;
  utils.runJs = (file) => {
    const known = definitions.get(file);
    if (known) return g.Component(copy(known));
    const register = g.Component;
    g.Component = (options) => {
      const aware = tapAware(options);
      definitions.set(file, copy(aware));
      register(aware);
    };
    try {
      runJs(file);
    } finally {
      g.Component = register;
    }
  };
}

/** Points the built mini-program's local mode at a running localcloud, acting as `openid`. */
export function actAs(gatewayUrl: string, openid: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { env } = require(path.join(MINIPROGRAM, 'services/env.js'));
  env.localGateway = gatewayUrl;
  (globalThis as unknown as { wx: { setStorageSync(k: string, v: string): void } }).wx.setStorageSync('dev.openid', openid);
  // As the developer panel does on a switch of identity: the remembered members.me was someone else's.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(MINIPROGRAM, 'services/session.js')).forgetMe();
}

/** Resolves once the page's requests are answered and nothing new was sent for a while: a page that loads
 *  what it shows has shown it. */
export async function idle(quietMs = 40, timeoutMs = 15000): Promise<void> {
  const t0 = Date.now();
  let quietSince = Date.now();
  while (Date.now() - quietSince < quietMs) {
    if (Date.now() - t0 > timeoutMs) throw new Error('idle: requests still in flight');
    await settle(5);
    if (inFlight > 0) quietSince = Date.now();
  }
}

/** Resolves once pending promise callbacks and I/O have run (a page's awaited call finished). */
export async function settle(ms = 0): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Waits until `check` passes (a page's call went over the network and came back). */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('waitFor: condition not met in time');
    await settle(10);
  }
}

type Element_ = RenderedComponent & { dispatchEvent(name: string, detail?: unknown): void };

const loaded = new Map<string, string>();

/** A page or component of the built mini-program loaded into simulate (its WXML compiled, its components
 *  registered) once per test file, under `tagName` (simulate's default `main` for a page): each render makes a
 *  new instance of it. */
export function loadOnce(simulate: Simulate, rel: string, tagName?: string): string {
  const key = `${rel}|${tagName ?? ''}`;
  let id = loaded.get(key);
  if (!id) loaded.set(key, (id = simulate.load(path.join(MINIPROGRAM, rel), tagName, { rootPath: MINIPROGRAM })));
  return id;
}

/**
 * Loads, renders and attaches a page or component of the built mini-program (`rel` like 'pages/mine/index'),
 * resolving absolute usingComponents paths ('/miniprogram_npm/...') against the mini-program root, and shows
 * it as the runtime does when a page opens (pageLifetimes.show). `properties` are a page's query parameters.
 */
export function renderPage(simulate: Simulate, rel: string, properties?: Record<string, unknown>): RenderedComponent {
  const page = simulate.render(loadOnce(simulate, rel), properties);
  page.attach(document.createElement('parent-wrapper'));
  page.triggerPageLifeTime?.('show');
  return page;
}

/** The element matching `selector`, or a failure naming it. */
export function find(root: RenderedComponent, selector: string): Element_ {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`no element matches ${selector}`);
  return el;
}

/** The native control inside a TDesign input, textarea or search. */
function nativeField(field: Element_): Element_ {
  const native = ['.t-input__control', '.t-textarea__wrapper-inner', '.t-input__keyword'].map((s) => field.querySelector(s)).find(Boolean);
  if (!native) throw new Error('not a TDesign input, textarea or search');
  return native;
}

// miniprogram-simulate delivers events on a later microtask, as the runtime does; the helpers below resolve
// once the event's handlers ran.

/** Types `value` into a TDesign input/textarea/search as the keyboard does (the native control's input event). */
export async function typeInto(root: RenderedComponent, selector: string, value: string): Promise<void> {
  nativeField(find(root, selector)).dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
  await settle();
}

/** Leaves a TDesign input (its native control's blur event). */
export async function blurField(root: RenderedComponent, selector: string, value: string): Promise<void> {
  nativeField(find(root, selector)).dispatchEvent('blur', { detail: { value } });
  await settle();
}

/** Taps a TDesign button, cell, radio or switch where a finger would (its inner element), or a plain view. */
export async function tap(root: RenderedComponent, selector: string): Promise<void> {
  const host = find(root, selector);
  const inner = ['.t-button', '.t-cell', '.t-radio', '.t-switch__body', '.t-tab-bar-item__content'].map((s) => host.querySelector(s)).find(Boolean);
  (inner ?? host).dispatchEvent('tap');
  await settle();
}

/** Taps the one of the elements matching `selector` whose text contains `text` (a row of a list). */
export async function tapItem(root: RenderedComponent, selector: string, text: string): Promise<void> {
  const item = root.querySelectorAll(selector).find((el) => textOf(el).includes(text));
  if (!item) throw new Error(`no ${selector} shows ${text}`);
  const inner = ['.t-button', '.t-cell'].map((s) => item.querySelector(s)).find(Boolean);
  (inner ?? item).dispatchEvent('tap');
  await settle();
}

interface ExparserNode {
  $$?: HTMLElement | null;
  shadowRoot?: ExparserNode;
  childNodes?: ExparserNode[];
}

/** Text under an exparser node; TDesign's components are virtual hosts (no element of their own). */
function exparserText(node: ExparserNode): string {
  if (node.$$) return node.$$.textContent ?? '';
  return ((node.shadowRoot ?? node).childNodes ?? []).map(exparserText).join('');
}

/** The text a user sees in the element (custom components included). */
export function textOf(root: RenderedComponent, selector?: string): string {
  const el = selector ? find(root, selector) : root;
  const text = el.dom ? el.dom.textContent ?? '' : exparserText((el as unknown as { _exparserNode: ExparserNode })._exparserNode);
  // what services/text.wxs adds to keep a line's parts whole: a non-breaking hyphen is the hyphen a user sees, a
  // word joiner nothing
  return text.replace(/\u2011/g, '-').replace(/\u2060/g, '').replace(/\s+/g, ' ').trim();
}

/** Records the size (JSON bytes) of every setData the component makes, to keep payloads small; with
 *  `payloads`, each setData's data too (to see which keys a payload is made of). */
export function recordSetData(component: RenderedComponent, payloads?: Record<string, unknown>[]): number[] {
  const sizes: number[] = [];
  const original = component.instance.setData.bind(component.instance);
  component.instance.setData = (data: Record<string, unknown>, cb?: () => void) => {
    sizes.push(Buffer.byteLength(JSON.stringify(data)));
    payloads?.push(data);
    return original(data, cb);
  };
  return sizes;
}

/** The tabs (text) the custom tab bar shows to `openid`, once it has learnt who that is (members.me). */
export async function tabBarFor(simulate: Simulate, gatewayUrl: string, openid: string): Promise<string> {
  actAs(gatewayUrl, openid);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const session = require(path.join(MINIPROGRAM, 'services/session.js')) as { lastMe(): unknown };
  const bar = renderPage(simulate, 'custom-tab-bar/index');
  await waitFor(() => session.lastMe() !== null);
  await settle();
  return textOf(bar);
}
