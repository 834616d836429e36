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
 * - log domain, for any reg: log Σ_q exp(g_q), exact to rounding, computed by the same
 *   multiply-adds on shifted factors. For a column pass (out[i, l] = log Σ_q exp(logK(i, q) +
 *   W[q, l])) the shifts are α_q = max_l W[q, l], col_l = max_q (W[q, l] − α_q) and β_i =
 *   max_q (logK(i, q) + α_q): out[i, l] = β_i + col_l + log Σ_q exp(logK(i, q) + α_q − β_i) ·
 *   exp(W[q, l] − α_q − col_l), every factor in [0, 1] (no overflow). Only underflow can lose
 *   terms, and each loses less than 2^−1071 absolute: a sum at least {@link SHIFTED_MIN} is
 *   exact to rounding, and a smaller one (a dominant term underflowed) is recomputed as a plain
 *   log-sum-exp (`lseTerms`). The row passes shift by the row's maximum only. The exps are table
 *   lookups plus a short polynomial ({@link expFast}), (|in| + |out|)·N per column pass instead
 *   of one per term. At 128² (the benchmark's warm λ change, blur 2 spacings, all log domain)
 *   the column passes never fall back and the row passes (far fewer entries) do for ~15% of
 *   theirs; an iteration costs ~4.7 ms against ~15 ms with a log-sum-exp per term, and where the
 *   scaling domain also applies (wider blurs) the log domain costs ~1.1–1.4× as much.
 *   The kernel is not banded: the terms that matter are not near the output (they follow the
 *   transport, tens of cells away); nearly every factor of the shifted products is non-zero.
 */

import { expFast } from '../sinkhorn/fastExp.ts';

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
 * out[oOff .. oOff + N) = Σ_q coef[q] · src[offs[q] .. offs[q] + N), q < count; eight source rows
 * per pass over the output row (one load and store of it per eight multiply-adds: ~10% faster
 * than four at 128²), then four, then one.
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
  for (; q + 8 <= count; q += 8) {
    const c0 = coef[q];
    const c1 = coef[q + 1];
    const c2 = coef[q + 2];
    const c3 = coef[q + 3];
    const c4 = coef[q + 4];
    const c5 = coef[q + 5];
    const c6 = coef[q + 6];
    const c7 = coef[q + 7];
    const s0 = offs[q];
    const s1 = offs[q + 1];
    const s2 = offs[q + 2];
    const s3 = offs[q + 3];
    const s4 = offs[q + 4];
    const s5 = offs[q + 5];
    const s6 = offs[q + 6];
    const s7 = offs[q + 7];
    for (let l = 0; l < N; l++) {
      out[oOff + l] +=
        c0 * src[s0 + l] +
        c1 * src[s1 + l] +
        c2 * src[s2 + l] +
        c3 * src[s3 + l] +
        c4 * src[s4 + l] +
        c5 * src[s5 + l] +
        c6 * src[s6 + l] +
        c7 * src[s7 + l];
    }
  }
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
 * Smallest shifted sum the log-domain passes accept. Every factor of a shifted product is in
 * [0, 1] and within 2^−1073 absolute of its exact value where it is subnormal ({@link expFast};
 * the kernel's own entries are Math.exp's), so a product loses less than 2^−1071 absolute to
 * underflow, and a sum of at most N <= 128 products less than 2^−1064 (~5e−321): relative to a
 * sum >= 1e−290 that is below 1e−30, far under rounding. Smaller sums are recomputed exactly.
 */
const SHIFTED_MIN = 1e-290;

/** Scratch buffers of the restricted convolutions for grids up to N×N (reused across calls). */
export class GridConvolution {
  readonly N: number;
  readonly K: Float64Array;
  readonly logK: Float64Array;
  /** |R|×N intermediate rows. */
  private readonly rowsBuf: Float64Array;
  private readonly offs: Int32Array;
  private readonly coef: Float64Array;
  /** Log-domain scratch: shifted exponentials (N×N), row and column shifts, rows 0 .. N − 1. */
  private readonly E: Float64Array;
  private readonly alpha: Float64Array;
  private readonly colShift: Float64Array;
  private readonly ident: Int32Array;
  /** Log-domain entries that failed the shifted product's range check (computed exactly). */
  exactEntries = 0;

  constructor(N: number, reg: number) {
    this.N = N;
    ({ K: this.K, logK: this.logK } = axisKernel(N, reg));
    this.rowsBuf = new Float64Array(N * N);
    this.offs = new Int32Array(N);
    this.coef = new Float64Array(N);
    this.E = new Float64Array(N * N);
    this.alpha = new Float64Array(N);
    this.colShift = new Float64Array(N);
    this.ident = Int32Array.from({ length: N }, (_, i) => i);
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
    const { N, K, rowsBuf: T, E, ident } = this;
    const nr = s.rows.length;
    // T[q, :] = log Σ_a K[r_q, a] exp(L[a, :])  (the column pass, for the support's rows only)
    this.lseProduct(L, lOff, ident, N, T, 0, s.rows, nr);
    // then the row pass at the support pixels, on exp(T[q, :] − max_b T[q, b]) (≤ 1)
    for (let q = 0; q < nr; q++) {
      const t = q * N;
      let m = -Infinity;
      for (let b = 0; b < N; b++) if (T[t + b] > m) m = T[t + b];
      for (let b = 0; b < N; b++) E[b] = m === -Infinity ? 0 : expFast(T[t + b] - m);
      for (let e = s.rowStart[q]; e < s.rowStart[q + 1]; e++) {
        const kc = s.cols[e] * N;
        let acc = 0;
        for (let b = 0; b < N; b++) acc += E[b] * K[kc + b];
        out[e] = this.fromShifted(acc, m, T, t, 1, ident, 0, N, s.cols[e]);
      }
    }
  }

  /** Log-domain {@link fromSupport}: log (K·exp(L)) for L = −∞ off the support, `l` on it. */
  logFromSupport(l: Float64Array, s: GridSupport, out: Float64Array, oOff: number): void {
    const { N, K, rowsBuf: W, offs, coef, ident } = this;
    const nr = s.rows.length;
    // W[q, :] = log Σ_{c in row q} exp(l[c]) K[c, :], on exp(l − max over the row) (≤ 1)
    for (let q = 0; q < nr; q++) {
      const e0 = s.rowStart[q];
      const e1 = s.rowStart[q + 1];
      let m = -Infinity;
      for (let e = e0; e < e1; e++) if (l[e] > m) m = l[e];
      let count = 0;
      for (let e = e0; e < e1; e++) {
        coef[count] = m === -Infinity ? 0 : expFast(l[e] - m);
        offs[count++] = s.cols[e] * N;
      }
      combineRows(W, q * N, K, offs, coef, count, N);
      for (let b = 0; b < N; b++)
        W[q * N + b] = this.fromShifted(W[q * N + b], m, l, 0, 1, s.cols, e0, e1, b);
    }
    // out[i, :] = log Σ_q K[i, r_q] exp(W[q, :])  (the column pass over the support's rows)
    this.lseProduct(W, 0, s.rows, nr, out, oOff, ident, N);
  }

  /**
   * out[oOff + i·N + l] = log Σ_{q < nIn} exp(logK[|outRows[i] − inRows[q]|] + W[wOff + q·N + l])
   * for i < nOut, l < N (`out` and `W` distinct): the kernel restricted to those rows, applied in
   * the log domain as a product of shifted factors (see the module comment). Cost nOut·nIn·N
   * multiply-adds and (nIn + nOut)·N exps, plus an exact log-sum-exp per entry that fails the
   * range check.
   */
  private lseProduct(
    W: Float64Array,
    wOff: number,
    inRows: Int32Array,
    nIn: number,
    out: Float64Array,
    oOff: number,
    outRows: Int32Array,
    nOut: number,
  ): void {
    const { N, logK, E, alpha, colShift: col, offs, coef } = this;
    // α_q = max_l W[q, l], then col_l = max_q (W[q, l] − α_q) <= 0.
    col.fill(-Infinity, 0, N);
    for (let q = 0; q < nIn; q++) {
      const w = wOff + q * N;
      let m = -Infinity;
      for (let l = 0; l < N; l++) if (W[w + l] > m) m = W[w + l];
      alpha[q] = m;
      if (m === -Infinity) continue;
      for (let l = 0; l < N; l++) {
        const z = W[w + l] - m;
        if (z > col[l]) col[l] = z;
      }
    }
    // E[q, l] = exp(W[q, l] − α_q − col_l) <= 1 (0 where a shift is −∞: no finite term there).
    for (let q = 0; q < nIn; q++) {
      const w = wOff + q * N;
      const a = alpha[q];
      for (let l = 0; l < N; l++)
        E[q * N + l] = a === -Infinity || col[l] === -Infinity ? 0 : expFast(W[w + l] - a - col[l]);
    }
    for (let i = 0; i < nOut; i++) {
      const r = outRows[i];
      // β = max_q (logK + α_q); the factors exp(logK + α_q − β) <= 1.
      let beta = -Infinity;
      for (let q = 0; q < nIn; q++) beta = Math.max(beta, logK[Math.abs(r - inRows[q])] + alpha[q]);
      let count = 0;
      for (let q = 0; beta > -Infinity && q < nIn; q++) {
        const k = expFast(logK[Math.abs(r - inRows[q])] + alpha[q] - beta);
        // An exactly zero factor adds exactly nothing to the sum: skipped.
        if (k > 0) {
          coef[count] = k;
          offs[count++] = q * N;
        }
      }
      const o = oOff + i * N;
      combineRows(out, o, E, offs, coef, count, N);
      for (let l = 0; l < N; l++)
        out[o + l] = this.fromShifted(out[o + l], beta + col[l], W, wOff + l, N, inRows, 0, nIn, r);
    }
  }

  /**
   * log of a sum of terms computed as shift + log(sum of exp(term − shift)), `sum` that shifted
   * sum; when it is below {@link SHIFTED_MIN} (underflow may have lost a significant part of it),
   * the exact log-sum-exp of the terms src[off + j·stride] + logK[|idx[j] − centre|], j0 <= j < j1.
   */
  private fromShifted(
    sum: number,
    shift: number,
    src: Float64Array,
    off: number,
    stride: number,
    idx: Int32Array,
    j0: number,
    j1: number,
    centre: number,
  ): number {
    if (sum >= SHIFTED_MIN) return shift + Math.log(sum);
    this.exactEntries++;
    return lseTerms(src, off, stride, idx, j0, j1, this.logK, centre);
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

/** Terms more than this many nats below the largest are left out of {@link lseTerms} (< e^−40 each). */
const LSE_WINDOW = 40;

/**
 * log Σ_j exp(src[off + j·stride] + logK[|idx[j] − centre|]) over j0 <= j < j1, exact to rounding
 * (the terms within 40 nats of the largest; each of the others is below e^−40 of it).
 */
function lseTerms(
  src: Float64Array,
  off: number,
  stride: number,
  idx: Int32Array,
  j0: number,
  j1: number,
  logK: Float64Array,
  centre: number,
): number {
  let mx = -Infinity;
  for (let j = j0; j < j1; j++) mx = Math.max(mx, src[off + j * stride] + logK[Math.abs(idx[j] - centre)]);
  if (mx === -Infinity) return mx;
  let sum = 0;
  for (let j = j0; j < j1; j++) {
    const z = src[off + j * stride] + logK[Math.abs(idx[j] - centre)] - mx;
    if (z > -LSE_WINDOW) sum += expFast(z);
  }
  return mx + Math.log(sum);
}

/**
 * v[off + e] = exp(v[off + e] + w[off + e]) for e < count, by {@link expFast} (within 1e-15
 * relative where the result is normal). For the log-domain iteration's error (V ⊙ K U): Math.exp
 * there cost ~6% of a 128² iteration.
 */
export function expOfSum(v: Float64Array, w: Float64Array, off: number, count: number): void {
  for (let e = off; e < off + count; e++) v[e] = expFast(v[e] + w[e]);
}
