/**
 * Input checks, the ε schedule and the potentials of zero-weight points for `sinkhorn.ts`.
 */
import { offsetByRowClass } from '../cost.ts';
import type { SinkhornOptions } from './sinkhorn.ts';
import type { RowClassOffset } from './sinkhornSolver.ts';

/** A checked Sinkhorn problem. */
export interface SinkhornInput {
  n: number;
  m: number;
  /** Source weights as given; target weights rescaled to the same total. */
  a: Float64Array;
  b: Float64Array;
  C: Float64Array;
  /** ε as given; `sinkhornSteps` raises it to the floor (EPSILON_FLOOR × max |C|) if below. */
  eps: number;
  tol: number;
  maxIterations: number;
  /** Positive-weight rows and columns (original indices) in the solver's internal order. */
  rows: Int32Array;
  cols: Int32Array;
  /** Their weights, parallel to rows and cols. */
  aInt: Float64Array;
  bInt: Float64Array;
}

/** Validates the problem and options (RangeError with a message naming the culprit). */
export function checkSinkhornInput(
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  options: SinkhornOptions,
): SinkhornInput {
  const n = a.length;
  const m = b.length;
  if (n < 1 || m < 1) throw new RangeError('sinkhorn: a and b must be non-empty');
  if (C.length !== n * m) throw new RangeError(`sinkhorn: C has length ${C.length}, expected n*m = ${n * m}`);
  const sumA = weightSum(a, 'a');
  const sumB = weightSum(b, 'b');
  if (Math.abs(sumA - sumB) > 1e-9 * Math.max(sumA, sumB)) {
    throw new RangeError(`sinkhorn: a and b have different total mass (${sumA} vs ${sumB})`);
  }
  const eps = options.epsilon;
  if (!(eps > 0 && eps < Infinity)) throw new RangeError('sinkhorn: epsilon must be finite and > 0');
  const tol = options.tolerance ?? 1e-6;
  if (!(tol > 0)) throw new RangeError('sinkhorn: tolerance must be > 0');
  const maxIterations = options.maxIterations ?? 10_000;
  if (!(maxIterations >= 0)) throw new RangeError('sinkhorn: maxIterations must be >= 0');
  if (options.omega !== undefined && !(options.omega >= 1 && options.omega < 2)) {
    throw new RangeError('sinkhorn: omega must be in [1, 2)');
  }
  const accel = options.acceleration ?? 'anderson';
  if (accel !== 'anderson' && accel !== 'over-relaxation' && accel !== 'none') {
    throw new RangeError(`sinkhorn: unknown acceleration "${String(accel)}"`);
  }
  const memory = options.andersonMemory ?? 12;
  if (!(Number.isInteger(memory) && memory >= 1 && memory <= 100)) {
    throw new RangeError('sinkhorn: andersonMemory must be an integer in [1, 100]');
  }
  if (options.truncation !== undefined && !(options.truncation >= 10)) {
    throw new RangeError('sinkhorn: truncation must be >= 10');
  }
  if (options.warmStart) {
    const { f, g } = options.warmStart;
    if (f.length !== n || g.length !== m)
      throw new RangeError('sinkhorn: warmStart f, g must have lengths n, m');
    if (!f.every(Number.isFinite) || !g.every(Number.isFinite)) {
      throw new RangeError('sinkhorn: warmStart potentials must be finite');
    }
  }
  const bScaled = b.map((w) => (w * sumA) / sumB);
  const rows = positiveInOrder(a, options.sourceOrder, 'sourceOrder');
  const cols = positiveInOrder(bScaled, options.targetOrder, 'targetOrder');
  // Costs between positive weights are checked as the kernel copies them (one pass fewer); the
  // rows and columns of zero-weight points are checked here.
  if (rows.length < n || cols.length < m) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const x = C[i * m + j];
        if ((a[i] === 0 || bScaled[j] === 0) && x - x !== 0)
          throw new RangeError('sinkhorn: C must be finite');
      }
    }
  }
  return {
    n,
    m,
    a,
    b: bScaled,
    C,
    eps,
    tol,
    maxIterations,
    rows,
    cols,
    aInt: Float64Array.from(rows, (i) => a[i]),
    bInt: Float64Array.from(cols, (j) => bScaled[j]),
  };
}

function weightSum(w: Float64Array, name: string): number {
  let s = 0;
  for (let k = 0; k < w.length; k++) {
    if (!(w[k] >= 0 && w[k] < Infinity)) throw new RangeError(`sinkhorn: ${name} must be finite and >= 0`);
    s += w[k];
  }
  if (!(s > 0)) throw new RangeError(`sinkhorn: ${name} must have a positive sum`);
  if (s === Infinity) throw new RangeError(`sinkhorn: ${name} sums to ∞ (normalise the weights first)`);
  return s;
}

/** Indices with positive weight, in `order` (a permutation of 0..len−1) or in index order. */
function positiveInOrder(w: Float64Array, order: Int32Array | undefined, name: string): Int32Array {
  const len = w.length;
  let idx: Int32Array;
  if (order) {
    const seen = new Uint8Array(len);
    if (order.length !== len) throw new RangeError(`sinkhorn: ${name} must be a permutation`);
    for (const k of order) {
      if (!(k >= 0 && k < len) || seen[k]) throw new RangeError(`sinkhorn: ${name} must be a permutation`);
      seen[k] = 1;
    }
    idx = order;
  } else {
    idx = Int32Array.from({ length: len }, (_, k) => k);
  }
  return idx.filter((k) => w[k] > 0);
}

/**
 * The ε stages: ε·2^K, …, 2ε, ε with ε·2^K the first such value >= the start (default 0.1 × the
 * spread mean(C) − min(C) over positive-weight pairs); just [ε] without ε-scaling (the default
 * with a warm start).
 */
export function scalingStart(input: SinkhornInput, options: SinkhornOptions, spread: number): number[] {
  const opt = options.epsilonScaling ?? !options.warmStart;
  if (opt === false) return [input.eps];
  const start = (typeof opt === 'object' ? opt.start : undefined) ?? 0.1 * spread;
  const out = [input.eps];
  // 60 halvings cover any ratio of finite costs; the cap guards against a huge `start`.
  while (out[0] * 2 <= start && out.length < 60) out.unshift(out[0] * 2);
  return out;
}

/**
 * Potentials in original order from the internal ones (`fInt`, `gInt`, parallel to input.rows,
 * input.cols); zero-weight points get their c-transform, what the plan would give them:
 * f_i = −ε log Σ_j b_j exp((g_j − C_ij)/ε), then likewise g_j. With `costOffset` the costs are
 * C_ij + offset[classOf[i]·m + j] (see `SinkhornSolver.setCostOffset`).
 */
export function originalPotentials(
  input: SinkhornInput,
  fInt: Float64Array,
  gInt: Float64Array,
  eps: number,
  costOffset: RowClassOffset | null = null,
): { f: Float64Array; g: Float64Array } {
  const { n, m, a, b, rows, cols } = input;
  // The offset costs are copied only when some point has zero weight (their c-transforms read them).
  const someZero = rows.length < n || cols.length < m;
  const C =
    costOffset && someZero ? offsetByRowClass(input.C, m, costOffset.classOf, costOffset.offset) : input.C;
  const f = new Float64Array(n);
  const g = new Float64Array(m);
  for (let r = 0; r < rows.length; r++) f[rows[r]] = fInt[r];
  for (let c = 0; c < cols.length; c++) g[cols[c]] = gInt[c];
  if (rows.length < n) {
    const z = new Float64Array(cols.length);
    for (let i = 0; i < n; i++) {
      if (a[i] > 0) continue;
      for (let c = 0; c < cols.length; c++)
        z[c] = Math.log(b[cols[c]]) + (g[cols[c]] - C[i * m + cols[c]]) / eps;
      f[i] = -eps * logSumExp(z);
    }
  }
  if (cols.length < m) {
    const z = new Float64Array(rows.length);
    for (let j = 0; j < m; j++) {
      if (b[j] > 0) continue;
      for (let r = 0; r < rows.length; r++)
        z[r] = Math.log(a[rows[r]]) + (f[rows[r]] - C[rows[r] * m + j]) / eps;
      g[j] = -eps * logSumExp(z);
    }
  }
  return { f, g };
}

function logSumExp(z: Float64Array): number {
  let mx = -Infinity;
  for (const x of z) if (x > mx) mx = x;
  let s = 0;
  for (const x of z) s += Math.exp(x - mx);
  return mx + Math.log(s);
}
