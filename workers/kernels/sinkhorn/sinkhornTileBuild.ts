/**
 * Building a `TiledKernel`'s values from its costs (`sinkhornTiles.ts`): the exp pass over the
 * tiles that can hold an entry >= e^−θ, and the checks that keep every row and column anchored (an
 * entry near 1) so that nothing overflows or vanishes. Free functions over the kernel's arrays,
 * which keeps that file about the iteration.
 */
import { expFast } from './fastExp.ts';
import { RB, TILE_COLS, TILE_ROWS } from './sinkhornTileLayout.ts';

/** What a build reads and writes: a `TiledKernel`'s tile layout and scratch. */
export interface TileStore {
  /** Real rows and columns; row groups of TILE_ROWS and column blocks of TILE_COLS. */
  readonly n: number;
  readonly m: number;
  readonly groups: number;
  readonly blocks: number;
  /** Costs in tile layout (+∞ on padding) and each tile's smallest. */
  readonly costTiles: Float64Array;
  readonly tileMinCost: Float64Array;
  /** Kept tiles: values (RB each), the range of each group, the block of each. */
  readonly values: Float64Array;
  readonly tileStart: Int32Array;
  readonly tileBlock: Int32Array;
  /** Scratch: each column's largest log-entry (length ≥ m), a tile's exponents (RB), each block's largest gA, a group's rows. */
  readonly colMax: Float64Array;
  readonly scratch: Float64Array;
  readonly blockMaxG: Float64Array;
  readonly fRows: Float64Array;
}

/**
 * The row check of `buildExact`, a group of TILE_ROWS rows at a time (each tile read front to
 * back): shifts fA_r of every row whose largest entry (fA_r + gA_c − C_rc)/ε lies outside
 * [−half, half] — of every row when `always` (a cold start: row maxima at 1 keep the first u, v
 * near 1) — then, from the same tiles while they are in cache, each column's largest entry at
 * the new fA; a column below −half gets gA_c shifted so that its largest entry is exactly 1.
 */
export function anchorRowsAndColumns(
  store: TileStore,
  fA: Float64Array,
  gA: Float64Array,
  eps: number,
  half: number,
  always: boolean,
): void {
  const { n, m, costTiles, blocks } = store;
  const best = store.colMax;
  best.fill(-Infinity);
  const mx = store.fRows;
  for (let g = 0; g < store.groups; g++) {
    const r0 = g * TILE_ROWS;
    const rows = Math.min(TILE_ROWS, n - r0);
    mx.fill(-Infinity);
    for (let blk = 0; blk < blocks; blk++) {
      const o = (g * blocks + blk) * RB;
      const c0 = blk * TILE_COLS;
      for (let c = 0; c < TILE_COLS; c++) {
        const gc = gA[c0 + c];
        const k = o + c * TILE_ROWS;
        for (let rr = 0; rr < rows; rr++) {
          const z = gc - costTiles[k + rr];
          if (z > mx[rr]) mx[rr] = z;
        }
      }
    }
    for (let rr = 0; rr < rows; rr++) {
      const zmax = (fA[r0 + rr] + mx[rr]) / eps;
      if (always || !(zmax <= half && zmax >= -half)) fA[r0 + rr] = -mx[rr];
    }
    for (let blk = 0; blk < blocks; blk++) {
      const o = (g * blocks + blk) * RB;
      const c0 = blk * TILE_COLS;
      for (let c = 0; c < TILE_COLS; c++) {
        const gc = gA[c0 + c];
        const k = o + c * TILE_ROWS;
        let zm = best[c0 + c];
        for (let rr = 0; rr < rows; rr++) {
          const z = (fA[r0 + rr] + gc - costTiles[k + rr]) / eps;
          if (z > zm) zm = z;
        }
        best[c0 + c] = zm;
      }
    }
  }
  for (let c = 0; c < m; c++) if (best[c] < -half) gA[c] -= eps * best[c];
}

/** Largest (fA_r + gA_c − C_rc)/ε down column c, over all rows (rare path: a dead column). */
export function columnMax(
  store: TileStore,
  c: number,
  fA: Float64Array,
  gA: Float64Array,
  eps: number,
): number {
  const blk = (c / TILE_COLS) | 0;
  const cc = c - blk * TILE_COLS;
  let mx = -Infinity;
  for (let r = 0; r < store.n; r++) {
    const g = (r / TILE_ROWS) | 0;
    const cost = store.costTiles[(g * store.blocks + blk) * RB + cc * TILE_ROWS + (r - g * TILE_ROWS)];
    const z = (fA[r] + gA[c] - cost) / eps;
    if (z > mx) mx = z;
  }
  return mx;
}

/**
 * Computes the kept tiles' values; records each column's largest log-entry (over the tiles
 * examined: a tile skipped by the bound has every entry below e^−θ).
 */
export function fillTileValues(
  store: TileStore,
  fA: Float64Array,
  gA: Float64Array,
  eps: number,
  theta: number,
): void {
  const { n, m, scratch, colMax, values, tileBlock, tileStart, costTiles, tileMinCost, blocks } = store;
  const blockMaxG = store.blockMaxG;
  const fRows = store.fRows;
  const inv = 1 / eps;
  colMax.fill(-Infinity);
  for (let blk = 0; blk < blocks; blk++) {
    let mx = -Infinity;
    for (let c = blk * TILE_COLS; c < Math.min(m, (blk + 1) * TILE_COLS); c++) if (gA[c] > mx) mx = gA[c];
    blockMaxG[blk] = mx;
  }
  const cut = -theta * eps;
  let t = 0;
  for (let g = 0; g < store.groups; g++) {
    tileStart[g] = t;
    const r0 = g * TILE_ROWS;
    let maxF = -Infinity;
    for (let rr = 0; rr < TILE_ROWS && r0 + rr < n; rr++) if (fA[r0 + rr] > maxF) maxF = fA[r0 + rr];
    for (let rr = 0; rr < TILE_ROWS; rr++) fRows[rr] = fA[r0 + rr];
    for (let blk = 0; blk < blocks; blk++) {
      const tile = g * blocks + blk;
      // Every entry of the tile is below e^−θ: skip it without reading its costs.
      if (maxF + blockMaxG[blk] - tileMinCost[tile] < cut) continue;
      const c0 = blk * TILE_COLS;
      const o = tile * RB;
      let tmax = -Infinity;
      for (let c = 0; c < TILE_COLS; c++) {
        const gc = gA[c0 + c];
        const k0 = c * TILE_ROWS;
        let zm = -Infinity;
        for (let rr = 0; rr < TILE_ROWS; rr++) {
          const z = (fRows[rr] + gc - costTiles[o + k0 + rr]) * inv;
          scratch[k0 + rr] = z;
          if (z > zm) zm = z;
        }
        if (zm > tmax) tmax = zm;
        if (zm > colMax[c0 + c]) colMax[c0 + c] = zm;
      }
      if (tmax >= -theta) {
        const off = t * RB;
        for (let k = 0; k < RB; k++) {
          const z = scratch[k];
          values[off + k] = z >= -theta ? expFast(z) : 0;
        }
        tileBlock[t++] = blk;
      }
    }
  }
  tileStart[store.groups] = t;
}
