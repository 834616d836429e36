/**
 * Scaling iterations with a custom row and column update (`ScalingRule`) over the tiled,
 * truncated, stabilised Gibbs kernel of `sinkhornTiles.ts`: the shared engine of unbalanced
 * Sinkhorn (`unbalanced.ts`) and entropic partial transport (`partialEntropic.ts`). It reuses the
 * balanced solver's fused pass (one sweep of the kernel computes K(b∘v), the row update and
 * Kᵀ(a∘u)), its absorption of large scalings into the potentials and its truncation bookkeeping.
 *
 * Plan: P_ij = a_i u_i K_ij v_j b_j with K_ij = exp((fA_i + gA_j − C_ij)/ε), internal order. The
 * full potentials are F_i = ε log a_i + fA_i + ε log u_i (so P_ij = exp((F_i + G_j − C_ij)/ε)):
 * a rule sees them through `lwu`, `lwv` (−log a_r − fA_r/ε, −log b_c − gA_c/ε), which turn a
 * rule on F into one on log u.
 */
import { EPSILON_FLOOR } from './sinkhorn.ts';
import { expScalings, GuardedAnderson } from './sinkhornAnderson.ts';
import { outsideScalingRange, TiledKernel, type ScalingRule } from './sinkhornTiles.ts';
import { materializePlan } from './sinkhornTilesPlan.ts';

export type { ScalingRule };

/** A checked problem: positive-weight rows and columns in the solver's internal order. */
export interface RuleProblem {
  readonly n: number;
  readonly m: number;
  readonly rows: Int32Array;
  readonly cols: Int32Array;
}

/**
 * Validates weights (finite, >= 0, positive sum) and the cost matrix's length; returns the
 * positive-weight indices in `order` (a permutation) or index order. (The costs between them are
 * checked as the kernel copies them, one pass fewer: `RuleScaling` throws if one is not finite.)
 * @throws RangeError naming the culprit, prefixed by `who`
 */
export function checkRuleProblem(
  who: string,
  a: Float64Array,
  b: Float64Array,
  C: Float64Array,
  sourceOrder?: Int32Array,
  targetOrder?: Int32Array,
): RuleProblem {
  const n = a.length;
  const m = b.length;
  if (n < 1 || m < 1) throw new RangeError(`${who}: a and b must be non-empty`);
  if (C.length !== n * m) throw new RangeError(`${who}: C has length ${C.length}, expected n*m = ${n * m}`);
  for (const [w, name] of [
    [a, 'a'],
    [b, 'b'],
  ] as const) {
    let s = 0;
    for (const x of w) {
      if (!(x >= 0 && x < Infinity)) throw new RangeError(`${who}: ${name} must be finite and >= 0`);
      s += x;
    }
    if (!(s > 0 && s < Infinity)) throw new RangeError(`${who}: ${name} must have a positive, finite sum`);
  }
  const positive = (w: Float64Array, order: Int32Array | undefined) => {
    const idx = order ?? Int32Array.from({ length: w.length }, (_, k) => k);
    if (idx.length !== w.length) throw new RangeError(`${who}: an order must be a permutation`);
    return idx.filter((k) => w[k] > 0);
  };
  return { n, m, rows: positive(a, sourceOrder), cols: positive(b, targetOrder) };
}

/** Why a rule solve stopped. */
export type RuleStop = 'converged' | 'max-iterations' | 'non-finite';

/** The state of a rule solve; one `step` is one iteration (row and column update). */
export class RuleScaling {
  readonly K: TiledKernel;
  /** ε actually used (raised to EPSILON_FLOOR × max |C| if below). */
  readonly eps: number;
  /** −log a_r − fA_r/ε and −log b_c − gA_c/ε (see the module comment), refreshed on absorption. */
  readonly lwu: Float64Array;
  readonly lwv: Float64Array;
  /** Kᵀ(a∘u) of the last pass (length mPad). */
  readonly acc: Float64Array;
  u: Float64Array;
  v: Float64Array;
  private uN: Float64Array;
  private vN: Float64Array;
  private readonly fA: Float64Array;
  private readonly gA: Float64Array;
  private readonly bv: Float64Array;
  private readonly dropLimit: number;
  /** Anderson acceleration of log v (optional): the mixer, log v, the plain step T(log v). */
  private readonly aa: GuardedAnderson | null;
  private readonly lv: Float64Array;
  private readonly tx: Float64Array;
  private readonly plain: Float64Array;

  /**
   * @param C n×m costs (row-major, original order), finite
   * @param tolerance the solve's stopping tolerance: sets the truncation level θ = ln(100/tol) + 12
   *   and the largest truncated mass tolerated (1% of it)
   * @param andersonMemory Anderson acceleration of the column update with this memory (0: off).
   *   Worth it when the rule is a smooth map of v alone (unbalanced Sinkhorn near balance, where
   *   the plain iteration crawls like balanced Sinkhorn); not with extra global state (partial).
   */
  constructor(
    p: RuleProblem,
    a: Float64Array,
    b: Float64Array,
    C: Float64Array,
    eps: number,
    tolerance: number,
    andersonMemory = 0,
  ) {
    const theta = Math.log(100 / tolerance) + 12;
    this.K = new TiledKernel(
      C,
      p.m,
      p.rows,
      p.cols,
      Float64Array.from(p.rows, (i) => a[i]),
      Float64Array.from(p.cols, (j) => b[j]),
      theta,
    );
    const K = this.K;
    if (!K.costsFinite) throw new RangeError('C must be finite');
    // Below the rounding of the costs the Gibbs kernel is noise (see sinkhorn.ts).
    this.eps = Math.max(eps, EPSILON_FLOOR * Math.max(Math.abs(K.costMin), Math.abs(K.costMax)));
    this.dropLimit = 0.01 * tolerance;
    this.fA = new Float64Array(K.nPad);
    this.gA = new Float64Array(K.mPad);
    this.u = new Float64Array(K.nPad).fill(1);
    this.uN = new Float64Array(K.nPad).fill(1);
    this.v = new Float64Array(K.mPad).fill(1);
    this.vN = new Float64Array(K.mPad).fill(1);
    this.bv = new Float64Array(K.mPad);
    this.acc = new Float64Array(K.mPad);
    this.lwu = new Float64Array(K.n);
    this.lwv = new Float64Array(K.m);
    this.aa = andersonMemory > 0 ? new GuardedAnderson(K.m, andersonMemory) : null;
    this.lv = new Float64Array(K.m);
    this.tx = new Float64Array(K.m);
    this.plain = new Float64Array(K.m);
    // A cold start: the margin keeps room for the large first moves of u, v (see buildExact).
    K.buildExact(this.fA, this.gA, this.eps, true, 20);
    this.refreshPriors();
  }

  /**
   * One iteration under `rule`; `afterColumns(uNext, vNext)` may adjust the new scalings and
   * global state (a total-mass scaling) once the columns are updated, returning its own change
   * (nats). Returns the largest change of a log-scaling (nats), or
   * NaN when a scaling over- or underflowed (the state is then the previous one).
   */
  step(rule: ScalingRule, afterColumns?: (uNext: Float64Array, vNext: Float64Array) => number): number {
    const { K } = this;
    if (Number.isNaN(K.pass(this.u, this.uN, this.v, this.bv, this.acc, 1, rule))) return NaN;
    if (!K.columnUpdate(this.v, this.vN, this.acc, 1, rule)) return NaN;
    let change = afterColumns ? afterColumns(this.uN, this.vN) : 0;
    for (let r = 0; r < K.n; r++) change = Math.max(change, Math.abs(Math.log(this.uN[r] / this.u[r])));
    // The plain step's residual (before any mixing): the fixed-point error.
    for (let c = 0; c < K.m; c++) change = Math.max(change, Math.abs(Math.log(this.vN[c] / this.v[c])));
    if (this.aa && !this.mix(change)) return NaN;
    [this.u, this.uN] = [this.uN, this.u];
    [this.v, this.vN] = [this.vN, this.v];
    if (K.droppedMassBound(this.u, this.v) > Math.max(this.dropLimit, 0.01 * change)) this.rebuild(false);
    else if (outsideScalingRange(this.u, K.n) || outsideScalingRange(this.v, K.m)) this.absorb();
    return change;
  }

  /** Whether the mass left out by truncation is negligible now (else rebuilds: call before stopping). */
  settled(): boolean {
    if (this.K.droppedMassBound(this.u, this.v) <= this.dropLimit) return true;
    this.rebuild(false);
    return false;
  }

  /** Recovers from a failed step: an exact rebuild re-anchoring every row. */
  recover(): void {
    this.rebuild(true);
  }

  /** The plan (n×m, original order, row-major), its cost <P, C> and marginals. */
  plan(
    n: number,
    m: number,
  ): { plan: Float64Array; cost: number; rowMass: Float64Array; colMass: Float64Array } {
    const plan = new Float64Array(n * m);
    const rowMass = new Float64Array(n);
    const colMass = new Float64Array(m);
    const cost = materializePlan(this.K, this.u, this.v, plan, rowMass, colMass);
    return { plan, cost, rowMass, colMass };
  }

  /** Replaces vN by Anderson's mix of the history (log v ← Σ α_k T(log v_k)); false if not finite. */
  private mix(change: number): boolean {
    const { aa, lv, tx, vN, K, plain } = this;
    if (!aa) return true;
    for (let c = 0; c < K.m; c++) plain[c] = Math.log(vN[c]);
    aa.step(change, lv, plain, tx);
    if (!expScalings(tx, vN)) return false;
    lv.set(tx);
    return true;
  }

  private refreshPriors(): void {
    const { K, eps } = this;
    for (let r = 0; r < K.n; r++) this.lwu[r] = -Math.log(K.a[r]) - this.fA[r] / eps;
    for (let c = 0; c < K.m; c++) this.lwv[c] = -Math.log(K.b[c]) - this.gA[c] / eps;
  }

  private absorbScalings(): void {
    const { fA, gA, u, v, eps, K } = this;
    for (let r = 0; r < K.nPad; r++) fA[r] += eps * Math.log(u[r]);
    for (let c = 0; c < K.mPad; c++) gA[c] += eps * Math.log(v[c]);
    // Absorbing conjugates the mixed map by the same shift: keep Anderson's history.
    if (this.aa) {
      this.aa.shift(this.lv);
      this.lv.fill(0);
    }
    u.fill(1);
    v.fill(1);
  }

  private absorb(): void {
    this.K.absorb(this.u, this.v, false);
    this.absorbScalings();
    this.refreshPriors();
  }

  private rebuild(checkRows: boolean): void {
    this.absorbScalings();
    this.K.buildExact(this.fA, this.gA, this.eps, checkRows);
    this.refreshPriors();
    // A rebuild may re-anchor dead columns (a different map): start the history afresh.
    this.aa?.reset();
  }
}
