/**
 * Edits of λ by the weight controls (LambdaControl.tsx), as pure functions: one cloud's slider,
 * a keyboard step of the triangle's point, and the text that reads λ out. Every function returns
 * weights >= 0 summing to 1 (to rounding) and never NaN.
 */
import { equalLambdas, triangleWeights, trianglePoint } from './lambdas.ts';

/**
 * λ with cloud `k`'s weight set to `v` (clamped to [0, 1]) and the others scaled to share 1 − v
 * in their current proportions (equally when they are all zero).
 */
export function setOneLambda(l: ArrayLike<number>, k: number, v: number): Float64Array {
  const K = l.length;
  const out = new Float64Array(K);
  const w = Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
  let rest = 0;
  for (let j = 0; j < K; j++) if (j !== k) rest += Math.max(0, l[j]);
  for (let j = 0; j < K; j++) {
    if (j === k) out[j] = w;
    else if (rest > 0) out[j] = ((1 - w) * Math.max(0, l[j])) / rest;
    else out[j] = K > 1 ? (1 - w) / (K - 1) : 0;
  }
  if (K === 1) out[0] = 1;
  return out;
}

/** Triangle units a keyboard step moves the point (five times that with Shift). */
export const TRIANGLE_STEP = 0.02;

/**
 * λ after moving the triangle's point by (dx, dy) in the triangle's units (side 1, y up), clamped
 * to the triangle. `l` holds three weights.
 */
export function nudgeTriangle(l: ArrayLike<number>, dx: number, dy: number): [number, number, number] {
  const [x, y] = trianglePoint(l);
  return triangleWeights(x + dx, y + dy);
}

/** The keyboard's move of the triangle's point for a key, or null when the key is not one of its own. */
export function triangleKey(key: string, shift: boolean): [number, number] | 'equal' | null {
  const s = shift ? 5 * TRIANGLE_STEP : TRIANGLE_STEP;
  switch (key) {
    case 'ArrowLeft':
      return [-s, 0];
    case 'ArrowRight':
      return [s, 0];
    case 'ArrowUp':
      return [0, s];
    case 'ArrowDown':
      return [0, -s];
    case 'Home':
      return 'equal';
    default:
      return null;
  }
}

/** λ for the triangle's "Home" key, and the default of every control: equal weights. */
export const equalThree = (): Float64Array => equalLambdas(3);

/** "Circle 0.33, Square 0.33, Cross 0.33": the weights with the clouds' names, 2 decimals. */
export function lambdaText(names: readonly string[], l: ArrayLike<number>): string {
  return names.map((n, k) => `${n} ${(l[k] ?? 0).toFixed(2)}`).join(', ');
}
