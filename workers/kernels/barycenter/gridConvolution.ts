/**
 * The Gaussian heat kernel of the convolutional barycenter on an N×N grid, applied separably, and
 * restricted to where an input density has mass. This is the hot loop of `convolutional.ts`.
 *
 * The kernel is POT's: on the grid t_i = i/(N−1) of [0, 1], k(i, j) = exp(−(t_i − t_j)²/reg) per
 * axis, and the 2D kernel is the product, so K·X = K₁ X K₁ for an N×N image X (K₁ symmetric).
 * Images are row-major, index r·N + c.
 *
 * Why restricted: the scalings on a density's side are zero off its support (U = A / KV), so
 * K·U only needs the rows of the support (|R| × N² multiply-adds instead of 2N³), and only the
 * values of K·V on the support are ever used (again |R| × N²). For clouds that cover part of the
 * box this is several times less work than two full convolutions.
 *
 * Two arithmetics, with the same structure:
 * - scaling domain (plain multiply-adds, four input rows per pass over an output row, no
 *   allocation): values must stay within the floating-point range;
 * - log domain (log-sum-exp, exact to rounding: a first pass finds the largest term, the second
 *   sums exp(term − max) over the terms within 40 nats of it, each of the others < e^−40 of the
 *   largest), for any reg at several times the cost. The two N×N-sized passes (column pass of
 *   `logAtSupport`, column pass of `logFromSupport`) work a whole row at a time (`lseRows`: the
 *   source read contiguously, not down columns), and exp(term − max) is {@link expNeg}; together
 *   about 1.5× faster than per-output Math.exp lines at 128² (the benchmark's warm λ change).
 *   This is the 128² hot loop; it is not banded: the terms that matter are not near the output
 *   (they follow the transport, tens of cells away: a band rigorous for these images would keep
 *   ~90 of 128 terms per line in the column pass).
 */

/** Where a density on the grid has mass: its support pixels grouped by row. */
export interface GridSupport {
  /** Rows holding at least one positive pixel, ascending. */
  rows: Int32Array;
  /** Pixels of row rows[q] are cols[rowStart[q] .. rowStart[q + 1] − 1]. */
  rowStart: Int32Array;
  /** Column of each support pixel. */
  cols: Int32Array;
  /** The density at each support pixel (> 0) and its log. */
  mass: Float64Array;
  logMass: Float64Array;
}

/** The support of one N×N density stored at `off` in `A`. */
export function gridSupport(A: Float64Array, off: number, N: number): GridSupport {
  const rows: number[] = [];
  const rowStart: number[] = [0];
  const cols: number[] = [];
  const mass: number[] = [];
  for (let r = 0; r < N; r++) {
    let any = false;
    for (let c = 0; c < N; c++) {
      const v = A[off + r * N + c];
      if (v > 0) {
        cols.push(c);
        mass.push(v);
        any = true;
      }
    }
    if (any) {
      rows.push(r);
      rowStart.push(cols.length);
    }
  }
  const m = Float64Array.from(mass);
  return {
    rows: Int32Array.from(rows),
    rowStart: Int32Array.from(rowStart),
    cols: Int32Array.from(cols),
    mass: m,
    logMass: m.map(Math.log),
  };
}

/**
 * The per-axis kernel: `K` (N×N, row-major, k(i, j)) and `logK` (length N, logK[d] = −d² / ((N−1)²
 * reg) for the offset d = |i − j|).
 */
export function axisKernel(N: number, reg: number): { K: Float64Array; logK: Float64Array } {
  const logK = new Float64Array(N);
  for (let d = 0; d < N; d++) logK[d] = -((d / (N - 1)) ** 2) / reg;
  const K = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) K[i * N + j] = Math.exp(logK[Math.abs(i - j)]);
  return { K, logK };
}

/**
 * out[oOff .. oOff + N) = Σ_q coef[q] · src[offs[q] .. offs[q] + N), q < count; four source rows
 * per pass over the output row.
 */
function combineRows(
  out: Float64Array,
  oOff: number,
  src: Float64Array,
  offs: Int32Array,
  coef: Float64Array,
  count: number,
  N: number,
): void {
  out.fill(0, oOff, oOff + N);
  let q = 0;
  for (; q + 4 <= count; q += 4) {
    const c0 = coef[q];
    const c1 = coef[q + 1];
    const c2 = coef[q + 2];
    const c3 = coef[q + 3];
    const s0 = offs[q];
    const s1 = offs[q + 1];
    const s2 = offs[q + 2];
    const s3 = offs[q + 3];
    for (let l = 0; l < N; l++) {
      out[oOff + l] += c0 * src[s0 + l] + c1 * src[s1 + l] + c2 * src[s2 + l] + c3 * src[s3 + l];
    }
  }
  for (; q < count; q++) {
    const c0 = coef[q];
    const s0 = offs[q];
    for (let l = 0; l < N; l++) out[oOff + l] += c0 * src[s0 + l];
  }
}

/**
 * The log-domain twin of {@link combineRows}: out[oOff + l] = log Σ_q exp(src[offs[q] + l] +
 * logCoef[q]) over q < count, for l < N, exact to rounding (the terms within 40 nats of the
 * largest, summed in q order; each of the others is below e^−40 of it). Whole rows at a time, so
 * the source is read contiguously. `mx` is scratch of length >= N.
 */
function lseRows(
  out: Float64Array,
  oOff: number,
  src: Float64Array,
  offs: Int32Array,
  logCoef: Float64Array,
  count: number,
  N: number,
  mx: Float64Array,
): void {
  mx.fill(-Infinity, 0, N);
  for (let q = 0; q < count; q++) {
    const s0 = offs[q];
    const c = logCoef[q];
    for (let l = 0; l < N; l++) {
      const t = src[s0 + l] + c;
      if (t > mx[l]) mx[l] = t;
    }
  }
  out.fill(0, oOff, oOff + N);
  for (let q = 0; q < count; q++) {
    const s0 = offs[q];
    const c = logCoef[q];
    for (let l = 0; l < N; l++) {
      const z = src[s0 + l] + c - mx[l];
      if (z > EXP_NEG_MIN) out[oOff + l] += expNeg(z);
    }
  }
  for (let l = 0; l < N; l++)
    out[oOff + l] = mx[l] === -Infinity ? -Infinity : mx[l] + Math.log(out[oOff + l]);
}

/** Scratch buffers of the restricted convolutions for grids up to N×N (reused across calls). */
export class GridConvolution {
  readonly N: number;
  readonly K: Float64Array;
  readonly logK: Float64Array;
  /** |R|×N intermediate rows. */
  private readonly rowsBuf: Float64Array;
  private readonly offs: Int32Array;
  private readonly coef: Float64Array;
  /** Per-column maxima of the log-domain passes. */
  private readonly mx: Float64Array;

  constructor(N: number, reg: number) {
    this.N = N;
    ({ K: this.K, logK: this.logK } = axisKernel(N, reg));
    this.rowsBuf = new Float64Array(N * N);
    this.offs = new Int32Array(N);
    this.coef = new Float64Array(N);
    this.mx = new Float64Array(N);
  }

  /**
   * (K·X) at the support pixels of `s`, in support order, into `out` (length s.cols.length).
   * @param X dense N×N image at offset `xOff`
   */
  atSupport(X: Float64Array, xOff: number, s: GridSupport, out: Float64Array): void {
    const { N, K, rowsBuf: T, offs, coef } = this;
    for (let a = 0; a < N; a++) offs[a] = xOff + a * N;
    // T[q, :] = Σ_a K[r_q, a] X[a, :]  (the column pass, for the support's rows only)
    for (let q = 0; q < s.rows.length; q++) {
      coef.set(K.subarray(s.rows[q] * N, s.rows[q] * N + N));
      combineRows(T, q * N, X, offs, coef, N, N);
    }
    // then the row pass at the support pixels: Σ_b T[q, b] K[b, c]
    for (let q = 0; q < s.rows.length; q++) {
      const t = q * N;
      for (let e = s.rowStart[q]; e < s.rowStart[q + 1]; e++) {
        const kc = s.cols[e] * N;
        let acc = 0;
        for (let b = 0; b < N; b++) acc += T[t + b] * K[kc + b];
        out[e] = acc;
      }
    }
  }

  /**
   * K·U for U zero off the support of `s` (its values at the support pixels in `u`, support order):
   * the dense N×N result into `out` at `oOff`.
   */
  fromSupport(u: Float64Array, s: GridSupport, out: Float64Array, oOff: number): void {
    const { N, K, rowsBuf: W, offs, coef } = this;
    const nr = s.rows.length;
    // W[q, :] = Σ_{c in row q} U[r_q, c] K[c, :]  (the row pass, only where U is non-zero)
    for (let q = 0; q < nr; q++) {
      let count = 0;
      for (let e = s.rowStart[q]; e < s.rowStart[q + 1]; e++) {
        coef[count] = u[e];
        offs[count++] = s.cols[e] * N;
      }
      combineRows(W, q * N, K, offs, coef, count, N);
    }
    // out[i, :] = Σ_q K[i, r_q] W[q, :]  (the column pass over the support's rows)
    for (let q = 0; q < nr; q++) offs[q] = q * N;
    for (let i = 0; i < N; i++) {
      for (let q = 0; q < nr; q++) coef[q] = K[i * N + s.rows[q]];
      combineRows(out, oOff + i * N, W, offs, coef, nr, N);
    }
  }

  /** Log-domain {@link atSupport}: log (K·exp(L)) at the support pixels of `s` into `out`. */
  logAtSupport(L: Float64Array, lOff: number, s: GridSupport, out: Float64Array): void {
    const { N, logK, rowsBuf: T, offs, coef, mx } = this;
    for (let a = 0; a < N; a++) offs[a] = lOff + a * N;
    for (let q = 0; q < s.rows.length; q++) {
      for (let a = 0; a < N; a++) coef[a] = logK[Math.abs(a - s.rows[q])];
      lseRows(T, q * N, L, offs, coef, N, N, mx);
    }
    for (let q = 0; q < s.rows.length; q++) {
      for (let e = s.rowStart[q]; e < s.rowStart[q + 1]; e++)
        out[e] = lseLine(T, q * N, 1, N, logK, s.cols[e]);
    }
  }

  /** Log-domain {@link fromSupport}: log (K·exp(L)) for L = −∞ off the support, `l` on it. */
  logFromSupport(l: Float64Array, s: GridSupport, out: Float64Array, oOff: number): void {
    const { N, logK, rowsBuf: W, offs, coef, mx } = this;
    const nr = s.rows.length;
    for (let q = 0; q < nr; q++) {
      const e0 = s.rowStart[q];
      const e1 = s.rowStart[q + 1];
      for (let b = 0; b < N; b++) {
        let mx = -Infinity;
        for (let e = e0; e < e1; e++) mx = Math.max(mx, l[e] + logK[Math.abs(s.cols[e] - b)]);
        let sum = 0;
        for (let e = e0; e < e1; e++) {
          const z = l[e] + logK[Math.abs(s.cols[e] - b)] - mx;
          if (z > EXP_NEG_MIN) sum += expNeg(z);
        }
        W[q * N + b] = mx + Math.log(sum);
      }
    }
    for (let q = 0; q < nr; q++) offs[q] = q * N;
    for (let i = 0; i < N; i++) {
      for (let q = 0; q < nr; q++) coef[q] = logK[Math.abs(i - s.rows[q])];
      lseRows(out, oOff + i * N, W, offs, coef, nr, N, mx);
    }
  }

  /** log (K·1) on the whole grid (N×N into `out` at `oOff`): the cold start of log K U with U = 1. */
  logOfOnes(out: Float64Array, oOff: number): void {
    const { N, K } = this;
    const rowSum = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let j = 0; j < N; j++) s += K[i * N + j];
      rowSum[i] = Math.log(s);
    }
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) out[oOff + i * N + j] = rowSum[i] + rowSum[j];
  }
}

/** log Σ_a exp(src[off + a·stride] + logK[|a − centre|]) over a < count (exact to rounding). */
function lseLine(
  src: Float64Array,
  off: number,
  stride: number,
  count: number,
  logK: Float64Array,
  centre: number,
): number {
  let mx = -Infinity;
  for (let a = 0; a < count; a++) mx = Math.max(mx, src[off + a * stride] + logK[Math.abs(a - centre)]);
  if (mx === -Infinity) return mx;
  let sum = 0;
  for (let a = 0; a < count; a++) {
    const z = src[off + a * stride] + logK[Math.abs(a - centre)] - mx;
    if (z > EXP_NEG_MIN) sum += expNeg(z);
  }
  return mx + Math.log(sum);
}

/**
 * exp(z) for z in [−40, 0], the terms of the log-sum-exp sums above, about twice as fast as
 * Math.exp: exp(z) = exp(−k/64) · exp(r) with k = round(−64 z) (exp(−k/64) from a table filled by
 * Math.exp) and r = z + k/64 in [−1/128, 1/128], exp(r) by its Taylor polynomial of degree 6
 * (truncation below r⁷/7! < 6e-19 relative). Within 5e-16 relative of Math.exp over the range
 * (tested on a dense sweep): rounding level, like the log-sum-exp it serves. It lives in this file
 * because the hot loops must inline it (through a module boundary tsx's loader adds an accessor call).
 */
/** Table resolution: steps of 1/SCALE in z. */
const SCALE = 64;
/** Lowest z handled; the callers only exponentiate terms within 40 nats of a maximum. */
export const EXP_NEG_MIN = -40;
const TABLE = Float64Array.from({ length: -EXP_NEG_MIN * SCALE + 1 }, (_, k) => Math.exp(-k / SCALE));

/** exp(z) for EXP_NEG_MIN <= z <= 0 (other z: undefined result). */
export function expNeg(z: number): number {
  const k = (0.5 - z * SCALE) | 0; // round(−64 z), z <= 0
  const r = z + k / SCALE;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720))))));
  return TABLE[k] * p;
}
