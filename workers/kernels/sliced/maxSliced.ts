/**
 * Max-sliced W2²: the largest 1-D W2² over all directions, max_θ W2²(θ#μ, θ#ν), and its angle.
 *
 * The 1-D cost is a continuous, piecewise-smooth function of the angle on [0, π) (period π), not
 * concave, so the search is global then local: a grid of `grid` angles, then a golden-section
 * search on the bracket around the best grid angle. Extra candidate angles (e.g. the sliced
 * estimate's directions) are compared too, so the value is never below any of them; in
 * particular it is at least the sliced estimate, their mean. It is a lower bound of the true
 * maximum that the refinement brings to within rounding when the maximum is in the best bracket.
 */
import { w2AlongAngles } from './sliced.ts';

export interface MaxSlicedResult {
  /** max_θ W2² found, squared plane units. */
  value: number;
  /** Its angle, radians in [0, π). */
  angle: number;
}

export interface MaxSlicedOptions {
  /** Grid angles over [0, π), >= 3 (default 90). */
  grid?: number;
  /** Golden-section steps on the best bracket (default 40: the bracket shrinks by 0.618⁴⁰). */
  refine?: number;
  /** Further angles (radians) with their 1-D W2² already computed (the sliced estimate's). */
  candidates?: { angles: Float64Array; values: Float64Array };
}

/**
 * @param x, y interleaved points (lengths 2n, 2m, n, m >= 1)
 * @param a, b normalised weights or null for uniform
 */
export function maxSliced(
  x: Float64Array,
  y: Float64Array,
  a: Float64Array | null,
  b: Float64Array | null,
  options: MaxSlicedOptions = {},
): MaxSlicedResult {
  const G = Math.max(3, options.grid ?? 90);
  const h = Math.PI / G;
  const grid = Float64Array.from({ length: G }, (_, k) => k * h);
  const at = (phi: number) => w2AlongAngles(x, y, a, b, [phi])[0];
  const values = w2AlongAngles(x, y, a, b, grid);
  let best = 0;
  for (let k = 1; k < G; k++) if (values[k] > values[best]) best = k;
  let value = values[best];
  let angle = grid[best];
  // Golden section on [φ − h, φ + h] (wrapping is harmless: the cost has period π).
  let lo = angle - h;
  let hi = angle + h;
  const r = (Math.sqrt(5) - 1) / 2;
  let c = hi - r * (hi - lo);
  let d = lo + r * (hi - lo);
  let fc = at(c);
  let fd = at(d);
  for (let s = 0; s < (options.refine ?? 40); s++) {
    if (fc > fd) {
      hi = d;
      d = c;
      fd = fc;
      c = hi - r * (hi - lo);
      fc = at(c);
    } else {
      lo = c;
      c = d;
      fc = fd;
      d = lo + r * (hi - lo);
      fd = at(d);
    }
  }
  for (const [phi, f] of [
    [c, fc],
    [d, fd],
  ]) {
    if (f > value) {
      value = f;
      angle = phi;
    }
  }
  const cand = options.candidates;
  if (cand) {
    for (let l = 0; l < cand.values.length; l++) {
      if (cand.values[l] > value) {
        value = cand.values[l];
        angle = cand.angles[l];
      }
    }
  }
  return { value, angle: wrapAngle(angle) };
}

/** An angle reduced to [0, π) (a direction and its opposite are the same slice). */
export function wrapAngle(phi: number): number {
  const w = phi % Math.PI;
  return w < 0 ? w + Math.PI : w;
}
