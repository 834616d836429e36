/**
 * The barycenter's weights λ: what the scenario's `lambdas` parameter means for its clouds, the
 * triangle control's barycentric coordinates, and the playback's path through λ. Pure functions.
 */
import type { Scenario } from '../../scenario/types.ts';

/** λ as the solver uses it (normalised, one per cloud), and why it differs from the parameter, if it does. */
export interface EffectiveLambdas {
  lambdas: Float64Array;
  /** Set when the parameter could not be used as given (then the weights are equal). */
  note: string | null;
}

/** Equal weights for K clouds. */
export const equalLambdas = (K: number): Float64Array => new Float64Array(K).fill(K > 0 ? 1 / K : 0);

/**
 * The scenario's λ: `params.lambdas` normalised when it has one weight per cloud and one is
 * positive; equal weights when it is empty, and (with a note) when it does not fit the clouds.
 */
export function effectiveLambdas(s: Pick<Scenario, 'clouds' | 'params'>): EffectiveLambdas {
  const K = s.clouds.length;
  const given = Array.isArray(s.params.lambdas) ? (s.params.lambdas as readonly number[]) : [];
  if (given.length === 0) return { lambdas: equalLambdas(K), note: null };
  if (given.length !== K) {
    return {
      lambdas: equalLambdas(K),
      note: `The weights were set for ${given.length} clouds and there are ${K}: equal weights are used until you set them.`,
    };
  }
  const total = given.reduce((t, v) => t + v, 0);
  if (!(total > 0))
    return { lambdas: equalLambdas(K), note: 'Every weight is zero: equal weights are used.' };
  return { lambdas: Float64Array.from(given, (v) => v / total), note: null };
}

/** λ rounded for the parameter (3 decimals; short links), keeping the sum 1 to rounding. */
export function roundLambdas(l: ArrayLike<number>): number[] {
  return Array.from(l, (v) => Math.round(v * 1000) / 1000);
}

/** The triangle's corners in its own unit coordinates: bottom left, bottom right, top. */
export const TRIANGLE: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [0.5, Math.sqrt(3) / 2],
];

/** The point of the triangle with barycentric coordinates λ (three weights summing to 1). */
export function trianglePoint(l: ArrayLike<number>): [number, number] {
  let x = 0;
  let y = 0;
  for (let k = 0; k < 3; k++) {
    x += l[k] * TRIANGLE[k][0];
    y += l[k] * TRIANGLE[k][1];
  }
  return [x, y];
}

/**
 * Barycentric coordinates of (x, y) in the triangle, clamped to it (for a point outside, those of
 * the nearest point of its edges): three weights >= 0 summing to 1.
 */
export function triangleWeights(x: number, y: number): [number, number, number] {
  const [[x0, y0], [x1, y1], [x2, y2]] = TRIANGLE;
  const det = (y1 - y2) * (x0 - x2) + (x2 - x1) * (y0 - y2);
  const a = ((y1 - y2) * (x - x2) + (x2 - x1) * (y - y2)) / det;
  const b = ((y2 - y0) * (x - x2) + (x0 - x2) * (y - y2)) / det;
  const c = 1 - a - b;
  if (a >= 0 && b >= 0 && c >= 0) return [a, b, c];
  let best: [number, number, number] = [1, 0, 0];
  let bestD = Infinity;
  for (const [i, j] of [
    [0, 1],
    [1, 2],
    [2, 0],
  ]) {
    const [px, py] = TRIANGLE[i];
    const [qx, qy] = TRIANGLE[j];
    const ex = qx - px;
    const ey = qy - py;
    const s = Math.min(1, Math.max(0, ((x - px) * ex + (y - py) * ey) / (ex * ex + ey * ey)));
    const d = (x - px - s * ex) ** 2 + (y - py - s * ey) ** 2;
    if (d < bestD) {
      bestD = d;
      best = [0, 0, 0];
      best[i] = 1 - s;
      best[j] = s;
    }
  }
  return best;
}

/**
 * λ at playback time t in [0, 1] along the morph path: for two clouds (1 − t, t); for more, once
 * around the corners e_1 → e_2 → … → e_K → e_1 at constant speed (for three, around the triangle).
 */
export function lambdasAt(t: number, K: number): Float64Array {
  const l = new Float64Array(K);
  if (K === 1) {
    l[0] = 1;
    return l;
  }
  const u = Math.min(1, Math.max(0, t));
  if (K === 2) {
    l[0] = 1 - u;
    l[1] = u;
    return l;
  }
  const pos = u * K;
  const leg = Math.min(K - 1, Math.floor(pos));
  const f = pos - leg;
  l[leg] = 1 - f;
  l[(leg + 1) % K] += f;
  return l;
}

/** The morph path: `frames` rows of λ at evenly spaced t in [0, 1] (F×K, row-major). */
export function morphPath(K: number, frames: number): Float64Array {
  const out = new Float64Array(frames * K);
  for (let f = 0; f < frames; f++) out.set(lambdasAt(f / (frames - 1), K), f * K);
  return out;
}
