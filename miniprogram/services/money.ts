// Money is integer 分 everywhere; members and officers read and type 元. (The server's formatYuan lives
// beside node-only rules, so the mini-program keeps these conversions here, for every page.)

/** '3000.5元' for 300050 分; whole 元 without decimals. */
export function yuanText(fen: number): string {
  return `${(fen / 100).toFixed(2).replace(/\.?0+$/, '')}元`;
}

/** The 分 of an amount typed in 元 (at most two decimals), or null when it is not one. */
export function fenOfYuan(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

/** The 元 text an input shows for an amount in 分. */
export function yuanInput(fen: number | undefined): string {
  return fen === undefined ? '' : String(fen / 100);
}

/** '91.39万元' for 91,390,000 分: the unit of the annual report's sentences (at most two decimals, as there). */
export function wanText(fen: number): string {
  return `${(Math.round(fen / 10_000) / 100).toFixed(2).replace(/\.?0+$/, '')}万元`;
}
