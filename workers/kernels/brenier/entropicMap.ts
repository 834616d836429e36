/**
 * The entropic map estimator (Pooladian & Niles-Weed 2021): from the Sinkhorn potential g on the
 * target, a transport map defined at every point x of the plane,
 *
 *   T(x) = Σ_j w_j(x) y_j,   w_j(x) ∝ b_j exp((g_j − |x − y_j|²) / ε),
 *
 * the barycentre of the target under the entropic plan's conditional law at x. Its potential is
 * the entropic c-transform f(x) = −ε log Σ_j b_j exp((g_j − |x − y_j|²)/ε), and
 *
 *   φ(x) = |x|²/2 − f(x)/2 = (ε/2) log Σ_j exp(c_j + x · d_j),
 *   c_j = log b_j + (g_j − |y_j|²)/ε,   d_j = 2 y_j / ε,
 *
 * a log-sum-exp of affine functions: convex, with ∇φ = T (the |x|² terms cancel). So the
 * estimated map is exactly the gradient of a convex function, as Brenier's theorem says the true
 * map is. Potentials follow `sinkhorn.ts`: P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε).
 *
 * Coordinates are taken relative to a centre o (the middle of the targets' bounding box): with
 * y' = y − o and x' = x − o the logits are c'_j + x' · d'_j up to a term that does not depend on j,
 * so T(x) = o + Σ_j w_j y'_j and φ(x) = (ε/2) LSE_j(c'_j + x' · d'_j) + o · x − |o|²/2. Why: for
 * clouds far from the origin (|y| ~ 1e6, ε ~ 0.1) the raw logits are ~1e13 and lose all the
 * digits their differences are made of; centred, they are as accurate as near the origin.
 *
 * Evaluation is a max-shifted log-sum-exp (stable for any ε) in which terms below e^−36 of the
 * largest are skipped (their total weight is < m·2e−16). To skip them without computing them, the
 * targets are kept in blocks of nearby points (Hilbert order) with a bound on each block's largest
 * logit: c_j + x·d_j <= max_block c + max over the block's box of x·d. A block whose bound is
 * 36 below a logit already seen is skipped whole, which at small ε is most of them.
 */
import { costMatrix } from '../cost.ts';
import { sinkhornSteps, type SinkhornProgress, type SinkhornResult } from '../sinkhorn/sinkhorn.ts';
import { hilbertOrder } from '../spatialOrder.ts';

/**
 * A fitted entropic map: the affine logits c_j + x · d_j of its log-sum-exp. Targets are stored
 * in blocks of `BLOCK` nearby points (Hilbert order; the order never changes a result).
 */
export interface EntropicMap {
  /** The centre o coordinates are taken relative to (see the module comment), plane units. */
  readonly center: readonly [number, number];
  /** Target points minus the centre, y'_j = y_j − o, in block order, interleaved, length 2m. */
  readonly y: Float64Array;
  /** c'_j = log b_j + (g_j − |y'_j|²)/ε in block order, length m (−∞ where b_j = 0). */
  readonly c: Float64Array;
  /** ε, absolute, cost units. */
  readonly epsilon: number;
  /** Per block: max c, then the box of its points (min y0, max y0, min y1, max y1); 5 per block. */
  readonly blocks: Float64Array;
}

/** Targets per block. */
const BLOCK = 32;

/** Logits below the largest by more than this are skipped (e^−36 ≈ 2.3e−16). */
const SKIP = 36;

/**
 * Builds the map from Sinkhorn's target potential.
 * @param y target points, interleaved, length 2m
 * @param b target weights, length m (any positive total; only ratios matter)
 * @param g target potential, length m, cost units (P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε))
 * @param epsilon ε > 0 the potentials were computed at, cost units
 */
export function entropicMapFromPotential(
  y: Float64Array,
  b: Float64Array,
  g: Float64Array,
  epsilon: number,
): EntropicMap {
  const m = y.length >> 1;
  if (b.length !== m || g.length !== m) throw new RangeError('entropicMap: y, b, g lengths disagree');
  if (!(epsilon > 0)) throw new RangeError(`entropicMap: epsilon must be > 0 (got ${epsilon})`);
  const order = hilbertOrder(y);
  const center = boxCenter(y);
  const yo = new Float64Array(2 * m);
  const c = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const j = order[k];
    const y0 = y[2 * j] - center[0];
    const y1 = y[2 * j + 1] - center[1];
    yo[2 * k] = y0;
    yo[2 * k + 1] = y1;
    c[k] = Math.log(b[j]) + (g[j] - (y0 * y0 + y1 * y1)) / epsilon;
  }
  const nb = Math.ceil(m / BLOCK);
  const blocks = new Float64Array(5 * nb);
  for (let q = 0; q < nb; q++) {
    let cmax = -Infinity;
    let lo0 = Infinity;
    let hi0 = -Infinity;
    let lo1 = Infinity;
    let hi1 = -Infinity;
    for (let k = q * BLOCK; k < Math.min(m, (q + 1) * BLOCK); k++) {
      cmax = Math.max(cmax, c[k]);
      lo0 = Math.min(lo0, yo[2 * k]);
      hi0 = Math.max(hi0, yo[2 * k]);
      lo1 = Math.min(lo1, yo[2 * k + 1]);
      hi1 = Math.max(hi1, yo[2 * k + 1]);
    }
    blocks.set([cmax, lo0, hi0, lo1, hi1], 5 * q);
  }
  return { center, y: yo, c, epsilon, blocks };
}

/** The middle of the bounding box of interleaved points ([0, 0] when there are none). */
function boxCenter(p: Float64Array): [number, number] {
  if (p.length < 2) return [0, 0];
  let lo0 = Infinity;
  let hi0 = -Infinity;
  let lo1 = Infinity;
  let hi1 = -Infinity;
  for (let k = 0; k < p.length; k += 2) {
    lo0 = Math.min(lo0, p[k]);
    hi0 = Math.max(hi0, p[k]);
    lo1 = Math.min(lo1, p[k + 1]);
    hi1 = Math.max(hi1, p[k + 1]);
  }
  return [lo0 + (hi0 - lo0) / 2, lo1 + (hi1 - lo1) / 2];
}

/** o · x − |o|²/2: the part of φ(x) the centring takes out of the log-sum-exp. */
export function centerTerm(center: readonly [number, number], x0: number, x1: number): number {
  return center[0] * (x0 - 0.5 * center[0]) + center[1] * (x1 - 0.5 * center[1]);
}

/**
 * Evaluates T and/or φ at points `from` … `to − 1` of `points` (for chunked evaluation).
 * @param points interleaved, length 2k
 * @param outMap T(x), interleaved, length 2k, or null (written only in [from, to))
 * @param outPotential φ(x) = (ε/2) LSE_j(c_j + x·d_j), cost units, length k, or null
 * @param scratch optional work array of length >= m + ⌈m/32⌉ (avoids an allocation per call)
 * @returns the number of terms exponentiated (the work done; at most (to − from)·m)
 */
export function evaluateEntropicMap(
  map: EntropicMap,
  points: Float64Array,
  outMap: Float64Array | null,
  outPotential: Float64Array | null,
  from = 0,
  to = points.length >> 1,
  scratch?: Float64Array,
): number {
  const { y, c, epsilon, blocks, center } = map;
  const [o0, o1] = center;
  const m = c.length;
  const nb = blocks.length / 5;
  // Logits of the blocks kept, then the block's bound (reused per point).
  const logits = scratch && scratch.length >= m + nb ? scratch : new Float64Array(m + nb);
  const twoOverEps = 2 / epsilon;
  let terms = 0;
  for (let p = from; p < to; p++) {
    // x' · d'_j = (2/ε) x' · y'_j; scale x' once instead of every d'_j.
    const s0 = (points[2 * p] - o0) * twoOverEps;
    const s1 = (points[2 * p + 1] - o1) * twoOverEps;
    // Bounds per block; the best block's true maximum is a first lower bound on the max.
    let best = 0;
    let bestBound = -Infinity;
    for (let q = 0; q < nb; q++) {
      const o = 5 * q;
      const bound =
        blocks[o] +
        (s0 >= 0 ? s0 * blocks[o + 2] : s0 * blocks[o + 1]) +
        (s1 >= 0 ? s1 * blocks[o + 4] : s1 * blocks[o + 3]);
      logits[m + q] = bound;
      if (bound > bestBound) {
        bestBound = bound;
        best = q;
      }
    }
    let max = -Infinity;
    for (let j = best * BLOCK; j < Math.min(m, (best + 1) * BLOCK); j++) {
      max = Math.max(max, c[j] + s0 * y[2 * j] + s1 * y[2 * j + 1]);
    }
    // Logits of every block that can reach within SKIP of the max.
    for (let q = 0; q < nb; q++) {
      if (logits[m + q] < max - SKIP) continue;
      const end = Math.min(m, (q + 1) * BLOCK);
      for (let j = q * BLOCK; j < end; j++) {
        const l = c[j] + s0 * y[2 * j] + s1 * y[2 * j + 1];
        logits[j] = l;
        if (l > max) max = l;
      }
    }
    const floor = max - SKIP;
    let sum = 0;
    let t0 = 0;
    let t1 = 0;
    for (let q = 0; q < nb; q++) {
      if (logits[m + q] < floor) continue;
      const end = Math.min(m, (q + 1) * BLOCK);
      for (let j = q * BLOCK; j < end; j++) {
        const l = logits[j];
        if (l < floor) continue;
        const w = Math.exp(l - max);
        terms++;
        sum += w;
        t0 += w * y[2 * j];
        t1 += w * y[2 * j + 1];
      }
    }
    if (outMap) {
      outMap[2 * p] = o0 + t0 / sum;
      outMap[2 * p + 1] = o1 + t1 / sum;
    }
    if (outPotential) {
      outPotential[p] =
        0.5 * epsilon * (max + Math.log(sum)) + centerTerm(center, points[2 * p], points[2 * p + 1]);
    }
  }
  return terms;
}

/** T at every point: interleaved, length 2k. */
export function entropicMap(map: EntropicMap, points: Float64Array): Float64Array {
  const out = new Float64Array(points.length);
  evaluateEntropicMap(map, points, out, null);
  return out;
}

/** The convex Brenier potential φ at every point (cost units), length k. ∇φ = T. */
export function entropicPotential(map: EntropicMap, points: Float64Array): Float64Array {
  const out = new Float64Array(points.length >> 1);
  evaluateEntropicMap(map, points, null, out);
  return out;
}

/**
 * ½ (Σ_i a_i |x_i − x̄|² + Σ_j b_j |y_j − ȳ|²): the clouds' mean squared spread, the scale a
 * relative ε is measured in. Weights are normalised here.
 */
export function meanSquaredSpread(
  x: Float64Array,
  a: Float64Array,
  y: Float64Array,
  b: Float64Array,
): number {
  return 0.5 * (spread(x, a) + spread(y, b));
}

function spread(p: Float64Array, w: Float64Array): number {
  let total = 0;
  let m0 = 0;
  let m1 = 0;
  for (let i = 0; i < w.length; i++) {
    total += w[i];
    m0 += w[i] * p[2 * i];
    m1 += w[i] * p[2 * i + 1];
  }
  if (!(total > 0)) return 0;
  m0 /= total;
  m1 /= total;
  let s = 0;
  for (let i = 0; i < w.length; i++) {
    const d0 = p[2 * i] - m0;
    const d1 = p[2 * i + 1] - m1;
    s += w[i] * (d0 * d0 + d1 * d1);
  }
  return s / total;
}

/**
 * Default relative ε: ε = 0.1 × `meanSquaredSpread`. On the Gaussian reference (400 points a side)
 * the map's RMS error is flat near its minimum between 0.03 and 0.1 of the spread (0.060 at 0.05,
 * 0.063 at 0.1); smaller ε chases sampling noise, larger ε shrinks the map towards the target's
 * mean. The upper end of the flat part draws smoother grids and solves faster while dragging.
 */
export const DEFAULT_RELATIVE_EPSILON = 0.1;

/**
 * Absolute ε (cost units) from a relative one: `relative × meanSquaredSpread(x, a, y, b)`, or
 * `relative` itself when both clouds are single points (spread 0).
 */
export function absoluteEpsilon(
  relative: number,
  x: Float64Array,
  a: Float64Array,
  y: Float64Array,
  b: Float64Array,
): number {
  const s = meanSquaredSpread(x, a, y, b);
  return relative * (s > 0 ? s : 1);
}

/** Options of {@link fitEntropicMapSteps}. */
export interface EntropicFitOptions {
  /** ε, absolute, in cost units (|x − y|²). */
  epsilon: number;
  /** Sinkhorn's L1 marginal tolerance. Default 1e-6. */
  tolerance?: number;
  /** Sinkhorn's iteration cap. Default 10 000. */
  maxIterations?: number;
}

/** Result of {@link fitEntropicMapSteps}. */
export interface EntropicFit {
  map: EntropicMap;
  sinkhorn: SinkhornResult;
}

/**
 * Solves entropic OT between the clouds (squared Euclidean cost, `sinkhorn.ts`) and builds the
 * map from its target potential. Yields Sinkhorn's progress; returns the map.
 * @param x source points, interleaved, length 2n; @param a source weights, length n, sum 1
 * @param y target points, interleaved, length 2m; @param b target weights, length m, sum 1
 */
export function* fitEntropicMapSteps(
  x: Float64Array,
  a: Float64Array,
  y: Float64Array,
  b: Float64Array,
  options: EntropicFitOptions,
): Generator<SinkhornProgress, EntropicFit> {
  const C = costMatrix(x, y, 'sqeuclidean');
  const sinkhorn = yield* sinkhornSteps(a, b, C, {
    epsilon: options.epsilon,
    tolerance: options.tolerance ?? 1e-6,
    maxIterations: options.maxIterations ?? 10_000,
    sourceOrder: hilbertOrder(x),
    targetOrder: hilbertOrder(y),
    yieldEvery: 20,
  });
  // The ε the potential belongs to: Sinkhorn's, which differs from the one asked for when it was
  // below the costs' rounding (raised) or when the cap stopped an earlier ε-scaling stage.
  return { map: entropicMapFromPotential(y, b, sinkhorn.g, sinkhorn.epsilon), sinkhorn };
}

/** Runs {@link fitEntropicMapSteps} to completion. */
export function fitEntropicMap(
  x: Float64Array,
  a: Float64Array,
  y: Float64Array,
  b: Float64Array,
  options: EntropicFitOptions,
): EntropicFit {
  const it = fitEntropicMapSteps(x, a, y, b, options);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
