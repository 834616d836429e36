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
  const costTiles = new Float64Array(groups * blocks * RB);
  const tileMinCost = new Float64Array(groups * blocks).fill(Infinity);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  // A group of 8 rows at a time, so the tiles are written front to back (row by row, every write
  // strides by a cache line); the 8 source rows are read at the same permuted columns.
  const rowBase = new Int32Array(TILE_ROWS);
  for (let g = 0; g < groups; g++) {
    const r0 = g * TILE_ROWS;
    const rows = Math.min(TILE_ROWS, n - r0);
    for (let rr = 0; rr < rows; rr++) rowBase[rr] = rowOf[r0 + rr] * mC;
    for (let blk = 0; blk < blocks; blk++) {
      const c0 = blk * TILE_COLS;
      const cEnd = Math.min(TILE_COLS, m - c0);
      const tile = g * blocks + blk;
      let o = tile * RB;
      let mn = Infinity;
      for (let c = 0; c < cEnd; c++, o += TILE_ROWS) {
        const col = colOf[c0 + c];
        for (let rr = 0; rr < rows; rr++) {
          const x = C[rowBase[rr] + col];
          costTiles[o + rr] = x;
          sum += x;
          if (x < mn) mn = x;
          if (x > max) max = x;
        }
      }
      tileMinCost[tile] = mn;
      if (mn < min) min = mn;
    }
  }
  padTiles(costTiles, n, m, groups, blocks);
  // NaN or ±∞ anywhere makes the sum non-finite.
  return { costTiles, tileMinCost, finite: sum - sum === 0, mean: sum / (n * m), min, max };
}

/** +∞ on the padding rows (of the last group) and columns (of the last block) of every tile. */
function padTiles(costTiles: Float64Array, n: number, m: number, groups: number, blocks: number): void {
  const rows = n - (groups - 1) * TILE_ROWS;
  const cols = m - (blocks - 1) * TILE_COLS;
  for (let blk = 0; blk < blocks && rows < TILE_ROWS; blk++) {
    const o = ((groups - 1) * blocks + blk) * RB;
    for (let c = 0; c < TILE_COLS; c++)
      costTiles.fill(Infinity, o + c * TILE_ROWS + rows, o + (c + 1) * TILE_ROWS);
  }
  for (let g = 0; g < groups && cols < TILE_COLS; g++) {
    const o = (g * blocks + blocks - 1) * RB;
    costTiles.fill(Infinity, o + cols * TILE_ROWS, o + RB);
  }
}

/**
 * Costs C_ij + O_{class(i), j} in tile layout, from the tiles of C: out = base + offset row by
 * row, and each tile's exact minimum into tileMin. Padding stays +∞ (base holds +∞ there).
 * @param base costs of C in tile layout (as gathered), length groups·blocks·RB
 * @param rowClass class of each internal row, length groups·TILE_ROWS
 * @param offset per class, the offset of each internal column: offset[k·mPad + c], mPad = blocks·TILE_COLS
 */
export function offsetTileCosts(
  base: Float64Array,
  rowClass: Int32Array,
  offset: Float64Array,
  groups: number,
  blocks: number,
  out: Float64Array,
  tileMin: Float64Array,
): void {
  const mPad = blocks * TILE_COLS;
  for (let g = 0; g < groups; g++) {
    // Unrolled over the 8 rows of the group (TILE_ROWS), as the Sinkhorn pass is.
    const r0 = g * TILE_ROWS;
    const k0 = rowClass[r0] * mPad;
    const k1 = rowClass[r0 + 1] * mPad;
    const k2 = rowClass[r0 + 2] * mPad;
    const k3 = rowClass[r0 + 3] * mPad;
    const k4 = rowClass[r0 + 4] * mPad;
    const k5 = rowClass[r0 + 5] * mPad;
    const k6 = rowClass[r0 + 6] * mPad;
    const k7 = rowClass[r0 + 7] * mPad;
    for (let blk = 0; blk < blocks; blk++) {
      const tile = g * blocks + blk;
      let mn = Infinity;
      let o = tile * RB;
      for (let col = blk * TILE_COLS; col < (blk + 1) * TILE_COLS; col++, o += TILE_ROWS) {
        const x0 = base[o] + offset[k0 + col];
        const x1 = base[o + 1] + offset[k1 + col];
        const x2 = base[o + 2] + offset[k2 + col];
        const x3 = base[o + 3] + offset[k3 + col];
        const x4 = base[o + 4] + offset[k4 + col];
        const x5 = base[o + 5] + offset[k5 + col];
        const x6 = base[o + 6] + offset[k6 + col];
        const x7 = base[o + 7] + offset[k7 + col];
        out[o] = x0;
        out[o + 1] = x1;
        out[o + 2] = x2;
        out[o + 3] = x3;
        out[o + 4] = x4;
        out[o + 5] = x5;
        out[o + 6] = x6;
        out[o + 7] = x7;
        mn = Math.min(mn, x0, x1, x2, x3, x4, x5, x6, x7);
      }
      tileMin[tile] = mn;
    }
  }
}
