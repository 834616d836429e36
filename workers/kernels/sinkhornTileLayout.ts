/**
 * The tile layout of a `TiledKernel` (see `sinkhornTiles.ts`), and the cost matrix copied into it
 * in the kernel's internal order, so that every later build reads it front to back.
 */

/** Rows per tile (the fused pass is unrolled for exactly 8). */
export const TILE_ROWS = 8;
/** Columns per tile. */
export const TILE_COLS = 16;
/** Values per tile. Within a tile, entry (row rr, column c) is at c·TILE_ROWS + rr: the 8 rows of
 * a column are adjacent, so the pass reads each tile front to back. */
export const RB = TILE_ROWS * TILE_COLS;

/** Costs in tile layout and what the copy learnt about them. */
export interface TileCosts {
  /** groups·blocks tiles of RB costs, entry (row rr, column c) at c·TILE_ROWS + rr; +∞ on padding. */
  costTiles: Float64Array;
  /** Smallest cost of each tile. */
  tileMinCost: Float64Array;
  /** Whether every copied cost is finite; their mean, minimum and maximum. */
  finite: boolean;
  mean: number;
  min: number;
  max: number;
}

/**
 * One pass over the n×m block of C selected by rowOf, colOf (internal → original indices).
 * @param C cost matrix, row-major with mC columns
 */
export function gatherTileCosts(
  C: Float64Array,
  mC: number,
  rowOf: Int32Array,
  colOf: Int32Array,
  n: number,
  m: number,
  groups: number,
  blocks: number,
): TileCosts {
  const costTiles = new Float64Array(groups * blocks * RB).fill(Infinity);
  const tileMinCost = new Float64Array(groups * blocks).fill(Infinity);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < n; r++) {
    const g = (r / TILE_ROWS) | 0;
    const rr = r - g * TILE_ROWS;
    const base = rowOf[r] * mC;
    for (let blk = 0; blk < blocks; blk++) {
      const c0 = blk * TILE_COLS;
      const cEnd = Math.min(TILE_COLS, m - c0);
      const tile = g * blocks + blk;
      const o = tile * RB + rr;
      let mn = tileMinCost[tile];
      for (let c = 0; c < cEnd; c++) {
        const x = C[base + colOf[c0 + c]];
        costTiles[o + c * TILE_ROWS] = x;
        sum += x;
        if (x < mn) mn = x;
        if (x > max) max = x;
      }
      tileMinCost[tile] = mn;
      if (mn < min) min = mn;
    }
  }
  // NaN or ±∞ anywhere makes the sum non-finite.
  return { costTiles, tileMinCost, finite: sum - sum === 0, mean: sum / (n * m), min, max };
}
