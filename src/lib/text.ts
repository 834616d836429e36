/**
 * Small text formatters for the screen-reader summaries: plane points, shares of the mass, counted
 * nouns. Minus signs are the typographic minus (U+2212), which screen readers read as "minus".
 */
import { formatNumber } from './format.ts';

/** A signed number with `digits` decimals and a true minus sign; −0 is written 0. */
export function signedFixed(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return formatNumber(v);
  const text = v.toFixed(digits);
  // "-0.00" after rounding is zero: no sign.
  if (Number(text) === 0) return (0).toFixed(digits);
  return text.replace('-', '−');
}

/** A plane point as "(x, y)" with `digits` decimals, e.g. "(0.42, −1.10)". */
export function formatPoint(x: number, y: number, digits = 2): string {
  return `(${signedFixed(x, digits)}, ${signedFixed(y, digits)})`;
}

/**
 * A share of a total (a fraction, 1 = all) as a percentage with two significant digits, e.g.
 * 0.3846 → "38%", 0.05 → "5.0%", 0.005 → "0.50%", 1 → "100%".
 */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '—';
  const p = 100 * share;
  if (p === 0) return '0%';
  if (Math.abs(p) >= 99.5) return `${Math.round(p)}%`;
  return `${p.toPrecision(2)}%`;
}

/** "1 source point", "240 source points" (thousands separated); `plural` defaults to noun + "s". */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}
