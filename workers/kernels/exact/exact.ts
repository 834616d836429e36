/**
 * Exact (unregularised) optimal transport between two discrete measures:
 * min Σ_ij P_ij C_ij subject to P 1 = a, Pᵀ 1 = b, P >= 0.
 *
 * The solver is a network simplex (`networkSimplex.ts`); it handles any weights: n ≠ m, zero
 * weights, duplicate points. A Jonker–Volgenant assignment solver (`assignment.ts`) is available
 * on request for square problems with uniform weights (some optimal plan is then a permutation,
 * Birkhoff–von Neumann). It is not the default: on shifted clouds (the common case: source and
 * target apart) its augmenting paths get long and it runs ~10× slower than the simplex.
 */
import { solveAssignment } from './assignment.ts';
import { networkSimplex, type NetworkSimplexBasis } from './networkSimplex.ts';
import { completeZeroDuals, gaugeDuals, routeResidual } from './exactDuals.ts';

/** The non-zero entries of a transport plan, as parallel arrays (no (i, j) pair repeats). */
export interface SparsePlan {
  /** Source (row) index of each entry, in 0..n−1. */
  i: Int32Array;
  /** Target (column) index of each entry, in 0..m−1. */
  j: Int32Array;
  /** Mass P_ij > 0 of each entry, in the units of `a` and `b`. */
  mass: Float64Array;
}

/**
 * A network-simplex solve's final basis (opaque, read-only), for {@link ExactOptions.warmStart}.
 */
export type ExactBasis = NetworkSimplexBasis;

/** Which exact algorithm ran. */
export type ExactMethod = 'network-simplex' | 'assignment';

/** Options of {@link exactOT}. */
export interface ExactOptions {
  /**
   * Cap on pivots (network simplex) or augmenting paths (assignment). Default: 10 000·(n + m) +
   * 10⁶, far above need (the benchmark clouds take about 15·(n + m) pivots); it only guards
   * against a runaway solve.
   */
  maxIterations?: number;
  /**
   * `auto` (default) = `network-simplex`. `assignment` needs n = m and uniform weights on both
   * sides (equal within 1e-14 relative, after dropping zero weights), else it throws.
   */
  method?: 'auto' | ExactMethod;
  /**
   * The `basis` of an earlier network-simplex solve with the same a and b (entry for entry; the
   * costs may differ), to start from its spanning tree instead of from scratch: feasible for any
   * costs, and close to optimal when the costs changed little, so far fewer pivots. Ignored when
   * the masses differ or the assignment method runs. The optimal cost is the same as a cold
   * solve's (to rounding, ~1e-15 relative); where several plans are optimal, the one returned
   * may differ.
   */
  warmStart?: ExactBasis;
}

/** Result of {@link exactOT}. */
export interface ExactResult {
  /** Σ P_ij C_ij over the plan, in cost units. */
  cost: number;
  /** Optimal plan; its marginals match a and b to about 1e-15 per entry (rounding of the masses). */
  plan: SparsePlan;
  /**
   * Dual potentials, lengths n and m: f_i + g_j <= C_ij up to ~1e-14·max|C| (rounding), equality
   * on the plan's support, Σ a_i f_i + Σ b_j g_j = cost. Gauge: f and g are shifted by opposite
   * constants so that Σ a_i f_i = Σ b_j g_j (POT's `center_dual`). Zero-weight points get the
   * tightest feasible value: f_i = min_j (C_ij − g_j), then g_j = min_i (C_ij − f_i).
   * Only meaningful when `status` is `optimal`.
   */
  f: Float64Array;
  g: Float64Array;
  /** Pivots (network simplex) or augmenting paths (assignment) performed. */
  iterations: number;
  /**
   * `optimal`, or `max-iterations` when the cap stopped the solver: the plan is then still
   * feasible (mass still unrouted is sent north-west-corner style) but not optimal, and the duals
   * are not feasible.
   */
  status: 'optimal' | 'max-iterations';
  method: ExactMethod;
  /** The network simplex's final basis (absent for the assignment method): see `warmStart`. */
  basis?: ExactBasis;
}

/**
 * Solves exact OT.
 * @param a source weights, length n >= 1, finite and >= 0, Σ a > 0 (normally 1)
 * @param b target weights, length m >= 1, finite and >= 0, with Σ b = Σ a up to 1e-9 relative; b
 *   is rescaled to Σ a before solving so rounding never makes the problem infeasible
 * @param C n×m cost matrix, row-major, finite (any sign)
 * @throws RangeError on malformed input (lengths, negative or non-finite values, unequal masses,
 *   weights whose sum overflows)
 */
export function exactOT(
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  options: ExactOptions = {},
): ExactResult {
  const n = a.length;
  const m = b.length;
  const sumA = checkWeights(a, 'a');
  const sumB = checkWeights(b, 'b');
  if (C.length !== n * m) throw new RangeError(`exactOT: C has length ${C.length}, expected n·m = ${n * m}`);
  for (let e = 0; e < C.length; e++) {
    if (!Number.isFinite(C[e])) throw new RangeError(`exactOT: C[${e}] is not finite`);
  }
  if (Math.abs(sumA - sumB) > 1e-9 * Math.max(sumA, sumB)) {
    throw new RangeError(`exactOT: total masses differ (Σa = ${sumA}, Σb = ${sumB})`);
  }
  const maxIterations = options.maxIterations ?? 10_000 * (n + m) + 1_000_000;

  // Zero-weight points take no mass: solve on the others, then give them feasible duals.
  const rows = positiveIndices(a);
  const cols = positiveIndices(b);
  const nA = rows.length;
  const mA = cols.length;
  const subA = new Float64Array(nA);
  const subB = new Float64Array(mA);
  for (let k = 0; k < nA; k++) subA[k] = a[rows[k]];
  for (let k = 0; k < mA; k++) subB[k] = b[cols[k]] * (sumA / sumB);
  const subC = nA === n && mA === m ? C : subMatrix(C, m, rows, cols);

  const method = chooseMethod(options.method ?? 'auto', subA, subB);
  let I: Int32Array;
  let J: Int32Array;
  let mass: Float64Array;
  let subF: Float64Array;
  let subG: Float64Array;
  let iterations: number;
  let optimal: boolean;
  let basis: ExactBasis | undefined;
  if (method === 'assignment') {
    const sol = solveAssignment(subC, nA, maxIterations);
    I = new Int32Array(nA);
    J = new Int32Array(nA);
    mass = new Float64Array(nA);
    for (let k = 0; k < nA; k++) {
      I[k] = k;
      J[k] = sol.rowToCol[k];
      mass[k] = subA[k];
    }
    subF = sol.u;
    subG = sol.v;
    iterations = sol.iterations;
    optimal = sol.optimal;
  } else {
    const sol = networkSimplex(subA, subB, subC, maxIterations, options.warmStart);
    basis = sol.basis;
    ({ i: I, j: J, mass } = sol);
    if (!sol.optimal) ({ i: I, j: J, mass } = routeResidual(sol, mA));
    subF = sol.f;
    subG = sol.g;
    iterations = sol.iterations;
    optimal = sol.optimal;
  }

  // Back to the caller's indices.
  const f = new Float64Array(n);
  const g = new Float64Array(m);
  for (let k = 0; k < nA; k++) f[rows[k]] = subF[k];
  for (let k = 0; k < mA; k++) g[cols[k]] = subG[k];
  completeZeroDuals(a, b, C, f, g);
  gaugeDuals(a, b, f, g);
  let cost = 0;
  for (let k = 0; k < I.length; k++) {
    I[k] = rows[I[k]];
    J[k] = cols[J[k]];
    cost += mass[k] * C[I[k] * m + J[k]];
  }
  return {
    cost,
    plan: { i: I, j: J, mass },
    f,
    g,
    iterations,
    status: optimal ? 'optimal' : 'max-iterations',
    method,
    basis,
  };
}

/** Validates a weight vector and returns its sum. */
function checkWeights(w: Float64Array, name: string): number {
  if (w.length === 0) throw new RangeError(`exactOT: ${name} is empty`);
  let sum = 0;
  for (let k = 0; k < w.length; k++) {
    const x = w[k];
    if (!(x >= 0) || !Number.isFinite(x))
      throw new RangeError(`exactOT: ${name}[${k}] = ${x} is not a finite weight >= 0`);
    sum += x;
  }
  if (!(sum > 0)) throw new RangeError(`exactOT: ${name} has no mass`);
  if (sum === Infinity) throw new RangeError(`exactOT: ${name} sums to ∞ (normalise the weights first)`);
  return sum;
}

function positiveIndices(w: Float64Array): Int32Array {
  let count = 0;
  for (let k = 0; k < w.length; k++) if (w[k] > 0) count++;
  const out = new Int32Array(count);
  let p = 0;
  for (let k = 0; k < w.length; k++) if (w[k] > 0) out[p++] = k;
  return out;
}

function subMatrix(C: Float64Array, m: number, rows: Int32Array, cols: Int32Array): Float64Array {
  const mA = cols.length;
  const out = new Float64Array(rows.length * mA);
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r] * m;
    const dst = r * mA;
    for (let c = 0; c < mA; c++) out[dst + c] = C[src + cols[c]];
  }
  return out;
}

/** True when all entries agree within 1e-14 relative. */
function isUniform(w: Float64Array): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < w.length; k++) {
    if (w[k] < lo) lo = w[k];
    if (w[k] > hi) hi = w[k];
  }
  return hi - lo <= 1e-14 * hi;
}

function chooseMethod(requested: 'auto' | ExactMethod, a: Float64Array, b: Float64Array): ExactMethod {
  const square = a.length === b.length && isUniform(a) && isUniform(b);
  if (requested === 'assignment' && !square) {
    throw new RangeError('exactOT: method "assignment" needs n = m and uniform weights');
  }
  return requested === 'auto' ? 'network-simplex' : requested;
}
