/**
 * Reading the plan out of a `TiledKernel` (see `sinkhornTiles.ts`): P_ij = a_i u_i K_ij v_j b_j
 * in the original row and column order.
 */
import type { SparsePlan } from './exact.ts';
import { RB, TILE_COLS, TILE_ROWS } from './sinkhornTileLayout.ts';
import type { TiledKernel } from './sinkhornTiles.ts';

/**
 * Writes the plan into `out` (n×m of the original problem, row-major; entries not stored are
 * left as they are, so pass a zeroed array) and returns <P, C>, with the row and column sums in
 * original indices added into rows, cols.
 */
export function materializePlan(
  K: TiledKernel,
  u: Float64Array,
  v: Float64Array,
  out: Float64Array,
  rows: Float64Array,
  cols: Float64Array,
): number {
  const { values, tileBlock, tileStart, a, b, n, m, rowOf, colOf, costTiles, blocks, mC } = K;
  const bv = new Float64Array(K.mPad);
  for (let c = 0; c < m; c++) bv[c] = b[c] * v[c];
  const colSum = new Float64Array(K.mPad);
  let cost = 0;
  for (let g = 0; g < K.groups; g++) {
    for (let rr = 0; rr < TILE_ROWS; rr++) {
      const r = g * TILE_ROWS + rr;
      if (r >= n) break;
      const au = a[r] * u[r];
      const base = rowOf[r] * mC;
      let rowSum = 0;
      for (let t = tileStart[g]; t < tileStart[g + 1]; t++) {
        const blk = tileBlock[t];
        const c0 = blk * TILE_COLS;
        const o = t * RB + rr;
        const oc = (g * blocks + blk) * RB + rr;
        for (let c = 0; c < TILE_COLS; c++) {
          const k = values[o + c * TILE_ROWS];
          if (k === 0) continue;
          const p = au * k * bv[c0 + c];
          out[base + colOf[c0 + c]] = p;
          cost += p * costTiles[oc + c * TILE_ROWS];
          rowSum += p;
          colSum[c0 + c] += p;
        }
      }
      rows[rowOf[r]] += rowSum;
    }
  }
  for (let c = 0; c < m; c++) cols[colOf[c]] += colSum[c];
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
