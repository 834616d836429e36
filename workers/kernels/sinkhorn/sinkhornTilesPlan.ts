/**
 * Reading the plan out of a `TiledKernel` (see `sinkhornTiles.ts`): P_ij = a_i u_i K_ij v_j b_j
 * in the original row and column order.
 */
import type { SparsePlan } from '../exact/exact.ts';
import { RB, TILE_COLS, TILE_ROWS } from './sinkhornTileLayout.ts';
import type { TiledKernel } from './sinkhornTiles.ts';

/** Class masses for {@link materializePlan}: S_kj = Σ_{i of class k} P_ij. */
export interface ClassColumnMasses {
  /** Class of each original row, 0..classes−1. */
  classOf: Int32Array;
  /** classes×mC, original column order; added into (pass zeros). */
  mass: Float64Array;
}

/**
 * Writes the plan into `out` (n×m of the original problem, row-major; entries not stored are
 * left as they are, so pass a zeroed array; null: only the sums) and returns <P, C> for the
 * kernel's current costs, with the row and column sums in original indices added into rows,
 * cols, and the class masses into `classes.mass` when given.
 */
export function materializePlan(
  K: TiledKernel,
  u: Float64Array,
  v: Float64Array,
  out: Float64Array | null,
  rows: Float64Array,
  cols: Float64Array,
  classes?: ClassColumnMasses,
): number {
  if (out) writePlan(K, u, v, out);
  return planSums(K, u, v, rows, cols, classes);
}

/** The stored entries P_ij = a_i u_i K_ij v_j b_j into `out` (original order). */
function writePlan(K: TiledKernel, u: Float64Array, v: Float64Array, out: Float64Array): void {
  const { values, tileBlock, tileStart, a, b, n, m, rowOf, colOf, mC } = K;
  for (let g = 0; g < K.groups; g++) {
    const r0 = g * TILE_ROWS;
    // Padding rows (r >= n) are skipped: they repeat the last row's index.
    const rEnd = Math.min(TILE_ROWS, n - r0);
    for (let t = tileStart[g]; t < tileStart[g + 1]; t++) {
      const c0 = tileBlock[t] * TILE_COLS;
      const cEnd = Math.min(TILE_COLS, m - c0);
      for (let c = 0; c < cEnd; c++) {
        const o = t * RB + c * TILE_ROWS;
        const x = b[c0 + c] * v[c0 + c];
        const col = colOf[c0 + c];
        for (let rr = 0; rr < rEnd; rr++) {
          const k = values[o + rr];
          // Same rounding as `planSums` and `planEntries`: au · K · (b v).
          if (k !== 0) out[rowOf[r0 + rr] * mC + col] = a[r0 + rr] * u[r0 + rr] * k * x;
        }
      }
    }
  }
}

/**
 * One pass over the stored tiles, each read front to back and unrolled over its 8 rows as the
 * Sinkhorn pass is: <P, C>, row and column sums (added into rows, cols; original indices), class
 * masses. Padding rows and columns have weight 0, so their entries add exact zeros.
 */
function planSums(
  K: TiledKernel,
  u: Float64Array,
  v: Float64Array,
  rows: Float64Array,
  cols: Float64Array,
  classes?: ClassColumnMasses,
): number {
  const { values: V, tileBlock, tileStart, a, b, n, m, rowOf, colOf, costTiles: Ct, blocks, mC, mPad } = K;
  const bv = new Float64Array(mPad);
  for (let c = 0; c < m; c++) bv[c] = b[c] * v[c];
  const au = new Float64Array(K.nPad);
  for (let r = 0; r < n; r++) au[r] = a[r] * u[r];
  // Column sums per class in internal column order (one class without `classes`).
  const nClasses = classes ? classes.mass.length / mC : 1;
  const colSum = new Float64Array(nClasses * mPad);
  const base = (r: number) => (classes ? classes.classOf[rowOf[r]] * mPad : 0);
  let cost = 0;
  for (let g = 0; g < K.groups; g++) {
    const r0 = g * TILE_ROWS;
    if (r0 + TILE_ROWS > n) {
      // The last group has padding rows, whose costs are +∞: 0 · ∞ must not reach the cost.
      cost += partialGroupSums(K, g, au, bv, rows, colSum, base);
      continue;
    }
    const [a0, a1, a2, a3, a4, a5, a6, a7] = au.subarray(r0, r0 + TILE_ROWS);
    const k0 = base(r0);
    const k1 = base(r0 + 1);
    const k2 = base(r0 + 2);
    const k3 = base(r0 + 3);
    const k4 = base(r0 + 4);
    const k5 = base(r0 + 5);
    const k6 = base(r0 + 6);
    const k7 = base(r0 + 7);
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    for (let t = tileStart[g]; t < tileStart[g + 1]; t++) {
      let o = t * RB;
      const c0 = tileBlock[t] * TILE_COLS;
      let oc = (g * blocks + tileBlock[t]) * RB;
      for (let c = c0; c < c0 + TILE_COLS; c++, o += TILE_ROWS, oc += TILE_ROWS) {
        const x = bv[c];
        const p0 = a0 * V[o] * x;
        const p1 = a1 * V[o + 1] * x;
        const p2 = a2 * V[o + 2] * x;
        const p3 = a3 * V[o + 3] * x;
        const p4 = a4 * V[o + 4] * x;
        const p5 = a5 * V[o + 5] * x;
        const p6 = a6 * V[o + 6] * x;
        const p7 = a7 * V[o + 7] * x;
        // Padding columns: b = 0 and costs +∞, and 0 · ∞ must not count.
        if (x > 0) {
          cost +=
            p0 * Ct[oc] +
            p1 * Ct[oc + 1] +
            p2 * Ct[oc + 2] +
            p3 * Ct[oc + 3] +
            p4 * Ct[oc + 4] +
            p5 * Ct[oc + 5] +
            p6 * Ct[oc + 6] +
            p7 * Ct[oc + 7];
        }
        s0 += p0;
        s1 += p1;
        s2 += p2;
        s3 += p3;
        s4 += p4;
        s5 += p5;
        s6 += p6;
        s7 += p7;
        colSum[k0 + c] += p0;
        colSum[k1 + c] += p1;
        colSum[k2 + c] += p2;
        colSum[k3 + c] += p3;
        colSum[k4 + c] += p4;
        colSum[k5 + c] += p5;
        colSum[k6 + c] += p6;
        colSum[k7 + c] += p7;
      }
    }
    const sums = [s0, s1, s2, s3, s4, s5, s6, s7];
    for (let rr = 0; rr < TILE_ROWS; rr++) rows[rowOf[r0 + rr]] += sums[rr];
  }
  for (let k = 0; k < nClasses; k++) {
    for (let c = 0; c < m; c++) {
      const s = colSum[k * mPad + c];
      cols[colOf[c]] += s;
      if (classes) classes.mass[k * mC + colOf[c]] += s;
    }
  }
  return cost;
}

/** {@link planSums} over the real rows of group g only (the last group, which has padding rows). */
function partialGroupSums(
  K: TiledKernel,
  g: number,
  au: Float64Array,
  bv: Float64Array,
  rows: Float64Array,
  colSum: Float64Array,
  base: (r: number) => number,
): number {
  const { values: V, tileBlock, tileStart, n, m, rowOf, costTiles: Ct, blocks } = K;
  const r0 = g * TILE_ROWS;
  let cost = 0;
  for (let r = r0; r < n; r++) {
    const k = base(r);
    let rowSum = 0;
    for (let t = tileStart[g]; t < tileStart[g + 1]; t++) {
      const c0 = tileBlock[t] * TILE_COLS;
      const o = t * RB + (r - r0);
      const oc = (g * blocks + tileBlock[t]) * RB + (r - r0);
      for (let c = 0; c < Math.min(TILE_COLS, m - c0); c++) {
        const p = au[r] * V[o + c * TILE_ROWS] * bv[c0 + c];
        cost += p * Ct[oc + c * TILE_ROWS];
        rowSum += p;
        colSum[k + c0 + c] += p;
      }
    }
    rows[rowOf[r]] += rowSum;
  }
  return cost;
}

/** The stored plan entries with mass >= threshold, original indices, in no particular order. */
export function planEntries(K: TiledKernel, u: Float64Array, v: Float64Array, threshold: number): SparsePlan {
  const { values, tileBlock, tileStart, a, b, n, m, rowOf, colOf } = K;
  const ii: number[] = [];
  const jj: number[] = [];
  const mass: number[] = [];
  for (let g = 0; g < K.groups; g++) {
    for (let t = tileStart[g]; t < tileStart[g + 1]; t++) {
      const c0 = tileBlock[t] * TILE_COLS;
      const cEnd = Math.min(TILE_COLS, m - c0);
      for (let rr = 0; rr < TILE_ROWS; rr++) {
        const r = g * TILE_ROWS + rr;
        if (r >= n) break;
        const au = a[r] * u[r];
        const o = t * RB + rr;
        for (let c = 0; c < cEnd; c++) {
          // Same rounding as `materialize`: au · K · (b v).
          const p = au * values[o + c * TILE_ROWS] * (b[c0 + c] * v[c0 + c]);
          if (p >= threshold) {
            ii.push(rowOf[r]);
            jj.push(colOf[c0 + c]);
            mass.push(p);
          }
        }
      }
    }
  }
  return { i: Int32Array.from(ii), j: Int32Array.from(jj), mass: Float64Array.from(mass) };
}
