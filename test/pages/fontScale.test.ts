// The scale the pages take from the user's WeChat font (miniprogram/services/fontScale.ts): fontSizeScaleFactor,
// or fontSizeSetting over WeChat's standard 17 px, never below 1 (the elder-mode sizes are the floor) nor above
// 关怀模式 (×1.4). That every text of every page follows it is measured in Chromium (test/screens/).
import path from 'node:path';
import { MINIPROGRAM } from '../harness/miniprogram';

const phone = { info: {} as Record<string, unknown> };
Object.assign(globalThis, { wx: { getAppBaseInfo: () => phone.info }, Behavior: (definition: object) => definition });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fontScale, fontScaleStyle, MAX_FONT_SCALE } = require(path.join(MINIPROGRAM, 'services/fontScale.js')) as {
  fontScale(): number;
  fontScaleStyle(): string;
  MAX_FONT_SCALE: number;
};

test.each([
  [{ fontSizeScaleFactor: 1, fontSizeSetting: 17 }, 1],
  [{ fontSizeScaleFactor: 1.4, fontSizeSetting: 23.8 }, 1.4],
  [{ fontSizeScaleFactor: 1.15 }, 1.15],
  [{ fontSizeSetting: 21 }, 1.24], // an older client: the setting alone
  [{ fontSizeScaleFactor: 0.94, fontSizeSetting: 16 }, 1], // 缩小: never below the elder-mode sizes
  [{ fontSizeScaleFactor: 1.5, fontSizeSetting: 25.5 }, MAX_FONT_SCALE], // beyond 关怀模式
  [{}, 1],
])('%j → ×%s', (info, scale) => {
  phone.info = info;
  expect(fontScale()).toBe(scale);
  expect(fontScaleStyle()).toBe(`--font-scale: ${scale};`);
});

test('a base library without wx.getAppBaseInfo: the standard size', () => {
  phone.info = {};
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wx.getAppBaseInfo = () => {
    throw new Error('getAppBaseInfo is not a function');
  };
  expect(fontScale()).toBe(1);
});
