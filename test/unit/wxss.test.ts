// WXSS as Chromium reads it for the screens (test/harness/screen/wxss.ts): rpx at a 375 px screen, WeChat's
// tags as simulate renders them, classes in the scopes simulate prefixes them with.
import fs from 'node:fs';
import path from 'node:path';
import postcss from 'postcss';
import selectorParser from 'postcss-selector-parser';
import { compileWxss, rpxToPx } from '../harness/screen/wxss';

const css = (wxss: string, scopes: string[], used?: string[]) => compileWxss(wxss, { scopes, pxPerRpx: 0.5 }).css(used && new Set(used)).replace(/\s+/g, ' ').trim();

test('rpx become px at half (750 rpx = 375 px); other units stay', () => {
  expect(rpxToPx('36rpx', 0.5)).toBe('18px');
  expect(rpxToPx('0 12.5rpx -4rpx 10px', 0.5)).toBe('0 6.25px -2px 10px');
  expect(rpxToPx('calc(140rpx + env(safe-area-inset-bottom))', 0.5)).toBe('calc(70px + env(safe-area-inset-bottom))');
});

test("a component's classes take its prefix; tags become simulate's; :host its tag", () => {
  expect(css('.title { font-size: 44rpx }', ['t-cell'])).toBe('.t-cell--title { font-size: 22px }');
  expect(css('view .a > text, image { margin: 2rpx }', ['main'])).toBe('wx-view .main--a > wx-text, wx-image { margin: 1px }');
  expect(css(':host { display: block }', ['org-picker'])).toBe('org-picker { display: block }');
  expect(css('page { --x: 1 }', ['main'])).toBe('page { --x: 1 }');
});

test('a sheet reaching shared components names each scope, with the specificity of one class', () => {
  expect(css('.card .t-cell__title { color: red }', ['main', 't-cell'])).toBe(
    ':is(.main--card,.t-cell--card) :is(.main--t-cell__title,.t-cell--t-cell__title) { color: red }',
  );
});

test('rules no element can match are left out; keyframes, remote fonts and imports handled', () => {
  const sheet = '.a.b { x: 1 } .c, .d { y: 2 } .e:not(.f) { z: 3 } @keyframes k { from { o: 0 } } @font-face { src: url(https://x/t.woff) } @import "x.wxss";';
  expect(css(sheet, ['p'], ['a', 'd', 'e'])).toBe('.p--c, .p--d { y: 2 } .p--e:not(.p--f) { z: 3 } @keyframes k { from { o: 0 } }');
});

test("the mini-program's sheets never select a TDesign component by its tag: it has no element of its own (virtualHost)", () => {
  const root = path.join(__dirname, '../../miniprogram');
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.wxss'));
  const found: string[] = [];
  for (const file of files) {
    postcss.parse(fs.readFileSync(path.join(root, file), 'utf8')).walkRules((rule) => {
      selectorParser((sel) => sel.walkTags((tag) => void (tag.value.startsWith('t-') && found.push(`${file}: ${rule.selector}`)))).processSync(rule.selector);
    });
  }
  expect(found).toEqual([]);
});
