// The user's WeChat font size (我 > 设置 > 通用 > 字体大小, 关怀模式) on every screen: each page's root and the
// tab bar's carry `--font-scale`, read from wx.getAppBaseInfo() when they attach, and app.wxss's type scale
// (--text-small … --text-display, and TDesign's font tokens made of them) multiplies every font size by it. So
// one variable reaches all text, TDesign's included, without a page computing sizes.

/** WeChat's standard font size on iOS (px): fontSizeScaleFactor is fontSizeSetting over it. */
const STANDARD_PX = 17;

/** The largest scale the pages follow: 关怀模式 (23.8 px on a 375 px iPhone). Beyond it a 375 px screen has no
 *  room for a label beside its value; the pages are already at 18 px and more at ×1. */
export const MAX_FONT_SCALE = 1.4;

/** The user's font scale, between 1 (the pages never shrink below the elder-mode sizes) and MAX_FONT_SCALE. */
export function fontScale(): number {
  let factor = 1;
  try {
    const info = wx.getAppBaseInfo();
    factor = info.fontSizeScaleFactor || (info.fontSizeSetting ? info.fontSizeSetting / STANDARD_PX : 1);
  } catch {
    // an old base library without getAppBaseInfo: the standard size
  }
  return Math.min(MAX_FONT_SCALE, Math.max(1, Math.round(factor * 100) / 100));
}

/** The style a screen's root carries. */
export const fontScaleStyle = (): string => `--font-scale: ${fontScale()};`;

/** For every page and the tab bar: `style="{{fontScaleStyle}}"` on the root element. */
export const largePrint = Behavior({
  data: { fontScaleStyle: '' },
  lifetimes: {
    attached() {
      this.setData({ fontScaleStyle: fontScaleStyle() });
    },
  },
});
