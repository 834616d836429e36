/**
 * The Gibbs kernel of a Sinkhorn solve, stored as tiles and truncated: the machinery behind
 * `sinkhorn.ts` (which documents the algorithm); not a public kernel.
 *
 * The plan is P_ij = a_i u_i K_ij v_j b_j with K_ij = exp((fA_i + gA_j − C_ij)/ε): absorbed log
 * potentials fA, gA and scalings u, v near 1 (Schmitzer's stabilised scaling). Rows and columns
 * are held in an internal order (ideally a spatial one, see `spatialOrder.ts`), rows grouped by
 * TILE_ROWS and columns by TILE_COLS; a tile is stored only if one of its entries is >= e^−θ.
 * (8 × 16 tiles: 8 rows share each load of b∘v and each update of Kᵀ(a∘u), and on Gaussian clouds
 * at ε = 1–5% of the mean cost they keep fewer entries than 4 × 32 tiles.)
 * With spatially ordered points most tiles of a small-ε problem are negligible and skipped, and
 * the dense inner loops over kept tiles are what a Sinkhorn pass spends its time in.
 *
 * Truncation bookkeeping: every entry not stored satisfies log K_ij < −θ + lu_i + lv_j, so the
 * mass left out of the plan is below e^−θ (Σ a_i u_i e^lu_i)(Σ b_j v_j e^lv_j)
 * (`droppedMassBound`); the solver rebuilds exactly when that bound nears its tolerance.
 */
import { anchorRowsAndColumns, columnMax, fillTileValues, type TileStore } from './sinkhornTileBuild.ts';
import { gatherTileCosts, offsetTileCosts, RB, TILE_COLS, TILE_ROWS } from './sinkhornTileLayout.ts';

/** Largest change of a kernel entry (nats) that `setCostOffset` applies in place. */
const IN_PLACE_NATS = 20;

/**
 * A scaling update other than Sinkhorn's (unbalanced and partial transport reuse the tiles with
 * it): the next log-scaling of internal row r (column c) from log s, where s = K(b∘v)_r
 * (Kᵀ(a∘u)_c). Balanced Sinkhorn's is −log s. Working in logs keeps a power or a cap of a scaling
 * finite where the scaling itself would overflow.
 */
export interface ScalingRule {
  row(r: number, logS: number): number;
  col(c: number, logS: number): number;
}

/** Tiled, truncated Gibbs kernel over the positive-weight rows and columns of a problem. */
export class TiledKernel implements TileStore {
  /** Real rows and columns (internal indices 0..n−1, 0..m−1; padding follows). */
  readonly n: number;
  readonly m: number;
  readonly nPad: number;
  readonly mPad: number;
  readonly groups: number;
  readonly blocks: number;
  /** Internal row -> original row of C (padding repeats the last real row). */
  readonly rowOf: Int32Array;
  readonly colOf: Int32Array;
  /** Weights in internal order, 0 on padding. */
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** Truncation level θ (nats). */
  readonly theta: number;
  /** Truncation bookkeeping (see the module comment), internal order. */
  readonly lu: Float64Array;
  readonly lv: Float64Array;
  /** a_i e^lu_i and b_j e^lv_j, kept beside lu, lv so the bound costs no exp. */
  private readonly aLu: Float64Array;
  private readonly bLv: Float64Array;
  /** Kept tiles of group g are tileStart[g] .. tileStart[g+1]−1; tileBlock[t] is the column block. */
  readonly tileStart: Int32Array;
  readonly tileBlock: Int32Array;
  /** Tile t holds TILE_ROWS rows of TILE_COLS values at t·RB, row-major. */
  readonly values: Float64Array;
  /** Costs in the same tile layout as `values` (tile of group g, block k at (g·blocks + k)·RB); +∞ on padding. */
  readonly costTiles: Float64Array;
  /** Smallest cost of each tile (same indexing, divided by RB): lets a build skip far tiles unseen. */
  readonly tileMinCost: Float64Array;
  /** Columns of the original C (its row stride; m counts only positive-weight columns). */
  readonly mC: number;
  /** Scratch of the builds (see `TileStore`). */
  readonly scratch = new Float64Array(RB);
  readonly colMax: Float64Array;
  readonly blockMaxG: Float64Array;
  readonly fRows = new Float64Array(TILE_ROWS);
  private rowErr = 0;
  private bad = false;
  private rule: ScalingRule | undefined;

  /**
   * @param C the original cost matrix, row-major with `mC` columns
   * @param rows original row indices to include, in the internal order (positive weights only)
   * @param cols original column indices, likewise
   * @param a, b weights of those rows and columns (parallel to `rows`, `cols`), > 0
   */
  constructor(
    C: Float64Array,
    mC: number,
    rows: Int32Array,
    cols: Int32Array,
    a: Float64Array,
    b: Float64Array,
    theta: number,
  ) {
    this.mC = mC;
    this.n = rows.length;
    this.m = cols.length;
    this.groups = Math.ceil(this.n / TILE_ROWS);
    this.blocks = Math.ceil(this.m / TILE_COLS);
    this.nPad = this.groups * TILE_ROWS;
    this.mPad = this.blocks * TILE_COLS;
    this.rowOf = new Int32Array(this.nPad).fill(rows[this.n - 1]);
    this.rowOf.set(rows);
    this.colOf = new Int32Array(this.mPad).fill(cols[this.m - 1]);
    this.colOf.set(cols);
    this.a = new Float64Array(this.nPad);
    this.a.set(a);
    this.b = new Float64Array(this.mPad);
    this.b.set(b);
    this.theta = theta;
    this.lu = new Float64Array(this.nPad);
    this.lv = new Float64Array(this.mPad);
    this.aLu = this.a.slice();
    this.bLv = this.b.slice();
    const tiles = this.groups * this.blocks;
    this.tileStart = new Int32Array(this.groups + 1);
    this.tileBlock = new Int32Array(tiles);
    this.values = new Float64Array(tiles * RB);
    this.colMax = new Float64Array(this.mPad);
    this.blockMaxG = new Float64Array(this.blocks);
    const costs = gatherTileCosts(C, mC, this.rowOf, this.colOf, this.n, this.m, this.groups, this.blocks);
    this.costTiles = costs.costTiles;
    this.tileMinCost = costs.tileMinCost;
    this.costsFinite = costs.finite;
    this.costMean = costs.mean;
    this.costMin = costs.min;
    this.costMax = costs.max;
  }

  /** Whether every cost of the kernel's rows and columns is finite; their mean, minimum, maximum. */
  readonly costsFinite: boolean;
  readonly costMean: number;
  readonly costMin: number;
  readonly costMax: number;

  /** Number of stored tiles. */
  get tileCount(): number {
    return this.tileStart[this.groups];
  }

  /**
   * Exact rebuild from C: K = exp((fA + gA − C)/ε) on tiles that have an entry >= e^−θ.
   * First shifts fA_i (and then gA_j) of any row (column) whose largest entry lies outside
   * [e^−θ/2, e^θ/2] (at most [e^−300, e^300]), so that nothing overflows and every row and column
   * keeps an entry: this makes a cold start at a tiny ε, or a far-off warm start, safe. Resets the
   * truncation bookkeeping. `checkRows = false` skips the row check (one pass over the costs) when
   * fA, gA come from an iterate whose rows carry their mass, as after absorbing u, v; columns are
   * always checked: with the rows, from the same read of the costs, before the fill; otherwise by
   * the fill (for free), which is then repeated if a column had to be shifted. `margin` (nats)
   * keeps entries down to e^−(θ+margin) this time: room for the large first moves of u, v after a
   * cold start, saving a rebuild.
   * @param fA, gA absorbed potentials in internal order (lengths nPad, mPad), updated in place
   */
  buildExact(fA: Float64Array, gA: Float64Array, eps: number, checkRows = true, margin = 0): void {
    const { m } = this;
    const half = Math.min(this.theta / 2, 300);
    // Shifting dead columns before the fill saves the refill below (a whole exp pass).
    if (checkRows) anchorRowsAndColumns(this, fA, gA, eps, half, margin > 0);
    this.fillTiles(fA, gA, eps, this.theta + margin);
    let shifted = false;
    for (let c = 0; c < m; c++) {
      if (this.colMax[c] < -half) {
        gA[c] -= eps * columnMax(this, c, fA, gA, eps);
        shifted = true;
      }
    }
    // After the shift every such column has its largest entry at exactly 1: one refill suffices.
    if (shifted) this.fillTiles(fA, gA, eps, this.theta + margin);
    // Entries left out are below e^−(θ+margin): the margin is credited to the bookkeeping.
    this.lu.fill(-margin / 2);
    this.lv.fill(-margin / 2);
    const credit = Math.exp(-margin / 2);
    for (let r = 0; r < this.nPad; r++) this.aLu[r] = this.a[r] * credit;
    for (let c = 0; c < this.mPad; c++) this.bLv[c] = this.b[c] * credit;
  }

  /**
   * Changes the costs to C_ij + offset[classOf[i]·mC + j], original indices (C: the costs given to
   * the constructor; the offset depends only on the class of the row and on the column, as the
   * linearised penalty of class-regularised transport does). The kernel values at ε are updated
   * in place, K_ij ← K_ij · exp(−ΔO/ε) with ΔO the change of offset (one multiply per stored
   * entry, no exp), when every |ΔO|/ε is at most 20 nats; the truncation bookkeeping takes the
   * largest factor of each column, so the bound on the mass left out stays valid. Otherwise (or
   * if an entry would leave the floating range) it returns false and the caller must rebuild
   * (buildExact), which reads the new costs.
   * @param classOf class of each original row (0..classes−1); @param offset classes×mC, cost units
   */
  setCostOffset(classOf: Int32Array, classes: number, offset: Float64Array, eps: number): boolean {
    const { mPad, colOf, mC } = this;
    const last = this.offsets;
    // The offset now applied, per class and internal column: zero before the first call.
    const same = last !== null && last.classOf === classOf && last.classes === classes;
    const current = same ? last.current : new Float64Array(classes * mPad);
    const rowClass = same ? last.rowClass : Int32Array.from(this.rowOf, (i) => classOf[i]);
    const base = last ? last.base : this.costTiles.slice();
    const next = new Float64Array(classes * mPad);
    // The change as a log factor of the kernel entries: log F = −ΔO/ε.
    const logF = new Float64Array(classes * mPad);
    let largest = 0;
    for (let k = 0; k < classes; k++) {
      for (let c = 0; c < mPad; c++) {
        const e = k * mPad + c;
        next[e] = offset[k * mC + colOf[c]];
        logF[e] = (current[e] - next[e]) / eps;
        largest = Math.max(largest, Math.abs(logF[e]));
      }
    }
    // Other classes than last time: the kernel's values are not for `current`, so rebuild.
    const inPlace = (last === null || same) && largest <= IN_PLACE_NATS && this.scaleByClass(rowClass, logF);
    this.offsets = { classOf, classes, base, rowClass, current: next };
    offsetTileCosts(base, rowClass, next, this.groups, this.blocks, this.costTiles, this.tileMinCost);
    return inPlace;
  }

  /** The costs as constructed (tile layout) and the offset now applied, once `setCostOffset` ran. */
  private offsets: {
    classOf: Int32Array;
    classes: number;
    base: Float64Array;
    rowClass: Int32Array;
    current: Float64Array;
  } | null = null;

  /** K_ij ← K_ij · exp(logF[class(i)·mPad + j]) on stored entries; false if one left the range. */
  private scaleByClass(rowClass: Int32Array, logF: Float64Array): boolean {
    const { values, tileBlock, tileStart, mPad, lv } = this;
    const F = logF.map(Math.exp);
    let top = 0;
    for (let g = 0; g < this.groups; g++) {
      // Unrolled over the 8 rows of the group (TILE_ROWS), as `pass` is.
      const r0 = g * TILE_ROWS;
      const k0 = rowClass[r0] * mPad;
      const k1 = rowClass[r0 + 1] * mPad;
      const k2 = rowClass[r0 + 2] * mPad;
      const k3 = rowClass[r0 + 3] * mPad;
      const k4 = rowClass[r0 + 4] * mPad;
      const k5 = rowClass[r0 + 5] * mPad;
      const k6 = rowClass[r0 + 6] * mPad;
      const k7 = rowClass[r0 + 7] * mPad;
      for (let t = tileStart[g]; t < tileStart[g + 1]; t++) {
        let o = t * RB;
        const c0 = tileBlock[t] * TILE_COLS;
        for (let c = c0; c < c0 + TILE_COLS; c++, o += TILE_ROWS) {
          values[o] *= F[k0 + c];
          values[o + 1] *= F[k1 + c];
          values[o + 2] *= F[k2 + c];
          values[o + 3] *= F[k3 + c];
          values[o + 4] *= F[k4 + c];
          values[o + 5] *= F[k5 + c];
          values[o + 6] *= F[k6 + c];
          values[o + 7] *= F[k7 + c];
          const hi = Math.max(values[o], values[o + 1], values[o + 2], values[o + 3]);
          top = Math.max(top, hi, values[o + 4], values[o + 5], values[o + 6], values[o + 7]);
        }
      }
    }
    if (!(top < 1e280)) return false;
    // Entries not stored had log K < −θ + lu + lv; now at most max_k log F_kc more.
    const classes = logF.length / mPad;
    for (let c = 0; c < mPad; c++) {
      let mx = 0;
      for (let k = 0; k < classes; k++) mx = Math.max(mx, logF[k * mPad + c]);
      if (mx > 0) {
        lv[c] += mx;
        this.bLv[c] = this.b[c] * Math.exp(lv[c]);
      }
    }
    return true;
  }

  /** One exp pass over the tiles (see `fillTileValues`); a method, so tests can count the passes. */
  private fillTiles(fA: Float64Array, gA: Float64Array, eps: number, theta: number): void {
    fillTileValues(this, fA, gA, eps, theta);
  }

  /**
   * Absorbs the scalings into the kernel, K_ij ← K_ij u_i v_j (then squared when `square`, which
   * is the kernel at ε/2 for the absorbed potentials: the ε-scaling step, without any exp), and
   * drops tiles that fell below e^−θ. The caller moves ε log u, ε log v into fA, gA and resets u, v.
   */
  absorb(u: Float64Array, v: Float64Array, square: boolean): void {
    const { lu, lv, theta, values, tileBlock, tileStart } = this;
    for (let r = 0; r < this.nPad; r++) {
      const l = lu[r] + Math.log(u[r]);
      lu[r] = Math.max(0, square ? 2 * l - theta / 2 : l);
      this.aLu[r] = this.a[r] * Math.exp(lu[r]);
    }
    for (let c = 0; c < this.mPad; c++) {
      const l = lv[c] + Math.log(v[c]);
      lv[c] = Math.max(0, square ? 2 * l - theta / 2 : l);
      this.bLv[c] = this.b[c] * Math.exp(lv[c]);
    }
    const floor = Math.exp(-theta);
    let kept = 0;
    for (let g = 0; g < this.groups; g++) {
      const t0 = tileStart[g];
      const t1 = tileStart[g + 1];
      tileStart[g] = kept;
      for (let t = t0; t < t1; t++) {
        const off = t * RB;
        const c0 = tileBlock[t] * TILE_COLS;
        let tmax = 0;
        const r0 = g * TILE_ROWS;
        for (let c = 0; c < TILE_COLS; c++) {
          const vc = v[c0 + c];
          const o = off + c * TILE_ROWS;
          for (let rr = 0; rr < TILE_ROWS; rr++) {
            let k = values[o + rr] * u[r0 + rr] * vc;
            if (square) k *= k;
            values[o + rr] = k;
            if (k > tmax) tmax = k;
          }
        }
        if (tmax >= floor) {
          if (kept !== t) values.copyWithin(kept * RB, off, off + RB);
          tileBlock[kept++] = tileBlock[t];
        }
      }
    }
    tileStart[this.groups] = kept;
  }

  /** Upper bound on the plan mass left out by truncation, for scalings u, v. O(n + m). */
  droppedMassBound(u: Float64Array, v: Float64Array): number {
    let su = 0;
    let sv = 0;
    for (let r = 0; r < this.n; r++) su += this.aLu[r] * u[r];
    for (let c = 0; c < this.m; c++) sv += this.bLv[c] * v[c];
    return Math.exp(-this.theta) * su * sv;
  }

  /**
   * One fused Sinkhorn pass over the kept tiles: s = K (b∘v) row by row, the (over-relaxed) row
   * update uNext = u^(1−ω) s^(−ω) (= 1/s for ω = 1), and acc = Kᵀ(a∘uNext) from the same tile
   * data while it is in cache. Returns the L1 marginal error of the state (uNext, v), both sides,
   * computed on the way (O(n + m) extra), or NaN when a scaling became 0 or non-finite.
   * @param bv scratch, length mPad; @param acc output Kᵀ(a∘uNext), length mPad
   * @param rule replaces the row update (ω is then ignored and the returned error is still the
   *   balanced one, which callers with a rule only test for NaN)
   */
  pass(
    u: Float64Array,
    uNext: Float64Array,
    v: Float64Array,
    bv: Float64Array,
    acc: Float64Array,
    omega: number,
    rule?: ScalingRule,
  ): number {
    const { values: V, tileBlock, tileStart, b, m } = this;
    this.rule = rule;
    const B = TILE_COLS;
    for (let c = 0; c < this.mPad; c++) bv[c] = b[c] * v[c];
    acc.fill(0);
    this.rowErr = 0;
    this.bad = false;
    for (let g = 0; g < this.groups; g++) {
      const t0 = tileStart[g];
      const t1 = tileStart[g + 1];
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      let s5 = 0;
      let s6 = 0;
      let s7 = 0;
      for (let t = t0; t < t1; t++) {
        let o = t * RB;
        const c0 = tileBlock[t] * B;
        for (let c = c0; c < c0 + B; c++, o += 8) {
          const x = bv[c];
          s0 += V[o] * x;
          s1 += V[o + 1] * x;
          s2 += V[o + 2] * x;
          s3 += V[o + 3] * x;
          s4 += V[o + 4] * x;
          s5 += V[o + 5] * x;
          s6 += V[o + 6] * x;
          s7 += V[o + 7] * x;
        }
      }
      const r = g * TILE_ROWS;
      const au0 = this.rowUpdate(r, s0, u, uNext, omega);
      const au1 = this.rowUpdate(r + 1, s1, u, uNext, omega);
      const au2 = this.rowUpdate(r + 2, s2, u, uNext, omega);
      const au3 = this.rowUpdate(r + 3, s3, u, uNext, omega);
      const au4 = this.rowUpdate(r + 4, s4, u, uNext, omega);
      const au5 = this.rowUpdate(r + 5, s5, u, uNext, omega);
      const au6 = this.rowUpdate(r + 6, s6, u, uNext, omega);
      const au7 = this.rowUpdate(r + 7, s7, u, uNext, omega);
      for (let t = t0; t < t1; t++) {
        let o = t * RB;
        const c0 = tileBlock[t] * B;
        for (let c = c0; c < c0 + B; c++, o += 8) {
          acc[c] +=
            V[o] * au0 +
            V[o + 1] * au1 +
            V[o + 2] * au2 +
            V[o + 3] * au3 +
            V[o + 4] * au4 +
            V[o + 5] * au5 +
            V[o + 6] * au6 +
            V[o + 7] * au7;
        }
      }
    }
    let colErr = 0;
    for (let c = 0; c < m; c++) colErr += b[c] * Math.abs(v[c] * acc[c] - 1);
    return this.bad ? NaN : this.rowErr + colErr;
  }

  /** Row update inside `pass`; returns a_r · uNext_r. */
  private rowUpdate(r: number, s: number, u: Float64Array, uNext: Float64Array, omega: number): number {
    if (r >= this.n) {
      uNext[r] = 1;
      return 0;
    }
    const un = this.rule
      ? Math.exp(this.rule.row(r, Math.log(s)))
      : omega === 1
        ? 1 / s
        : Math.pow(u[r] * s, 1 - omega) / s;
    if (!(un > 0 && un < Infinity)) this.bad = true;
    const ar = this.a[r];
    this.rowErr += ar * Math.abs(un * s - 1);
    uNext[r] = un;
    return ar * un;
  }

  /**
   * Column update vNext = v^(1−ω) acc^(−ω) after a pass (or by `rule`). Returns false when a scaling became 0 or
   * non-finite (vNext is then not to be used).
   */
  columnUpdate(
    v: Float64Array,
    vNext: Float64Array,
    acc: Float64Array,
    omega: number,
    rule?: ScalingRule,
  ): boolean {
    let ok = true;
    for (let c = 0; c < this.m; c++) {
      const s = acc[c];
      const vn = rule
        ? Math.exp(rule.col(c, Math.log(s)))
        : omega === 1
          ? 1 / s
          : Math.pow(v[c] * s, 1 - omega) / s;
      if (!(vn > 0 && vn < Infinity)) ok = false;
      vNext[c] = vn;
    }
    for (let c = this.m; c < this.mPad; c++) vNext[c] = 1;
    return ok;
  }
}

/** Scalings beyond [1e-30, 1e30] are absorbed into the potentials before they lose range. */
const SCALING_RANGE = 1e30;

/** Whether a scaling among the first `count` of x has left [1/SCALING_RANGE, SCALING_RANGE]: time to absorb. */
export function outsideScalingRange(x: Float64Array, count: number): boolean {
  for (let k = 0; k < count; k++) if (!(x[k] < SCALING_RANGE && x[k] > 1 / SCALING_RANGE)) return true;
  return false;
}
