/**
 * The state of a Sinkhorn solve and one iteration of it, for `sinkhorn.ts` (which documents the
 * algorithm). Plan: P_ij = a_i u_i K_ij v_j b_j with K = exp((fA + gA − C)/ε) held by a
 * `TiledKernel`; all arrays in the kernel's internal order. Allocation-free per iteration.
 */
import { expScalings, GuardedAnderson } from './sinkhornAnderson.ts';
import { OmegaController } from './sinkhornOmega.ts';
import { outsideScalingRange, type TiledKernel } from './sinkhornTiles.ts';

/** How the column update is accelerated. */
export type SinkhornAcceleration = 'anderson' | 'over-relaxation' | 'none';

/** Outcome of {@link SinkhornIterate.step}. */
export type StepOutcome = 'continue' | 'reached' | 'non-finite';

export class SinkhornIterate {
  readonly K: TiledKernel;
  readonly fA: Float64Array;
  readonly gA: Float64Array;
  eps: number;
  u: Float64Array;
  v: Float64Array;
  /** Marginal error of the last evaluated state. */
  error = Infinity;
  omega = 1;
  /** Exact rebuilds of the kernel (diagnostics). */
  rebuilds = 0;
  private uN: Float64Array;
  private vN: Float64Array;
  private readonly bv: Float64Array;
  private readonly acc: Float64Array;
  private readonly accel: SinkhornAcceleration;
  private readonly fixedOmega: number | undefined;
  private readonly ctrl = new OmegaController();
  private readonly aa: GuardedAnderson;
  /** log v on real columns (Anderson works on it) and the map's value T(log v). */
  private readonly lv: Float64Array;
  private readonly tx: Float64Array;
  private readonly plainStep: Float64Array;
  private passesThisStage = 0;
  /** Potentials at the end of the previous ε stage (for the extrapolation in halveEpsilon). */
  private readonly prevStage: { f: Float64Array; g: Float64Array; valid: boolean };

  /**
   * @param fA, gA absorbed potentials (lengths K.nPad, K.mPad), owned from now on
   * @param omega fixed ω for 'over-relaxation' (undefined: adaptive)
   * @param coldStart no warm start: the first build keeps a margin below e^−θ (see buildExact)
   */
  constructor(
    K: TiledKernel,
    fA: Float64Array,
    gA: Float64Array,
    eps: number,
    accel: SinkhornAcceleration,
    memory: number,
    omega: number | undefined,
    coldStart: boolean,
  ) {
    this.K = K;
    this.fA = fA;
    this.gA = gA;
    this.eps = eps;
    this.accel = accel;
    this.fixedOmega = omega;
    this.u = new Float64Array(K.nPad).fill(1);
    this.uN = new Float64Array(K.nPad).fill(1);
    this.v = new Float64Array(K.mPad).fill(1);
    this.vN = new Float64Array(K.mPad).fill(1);
    this.bv = new Float64Array(K.mPad);
    this.acc = new Float64Array(K.mPad);
    this.aa = new GuardedAnderson(K.m, memory);
    this.lv = new Float64Array(K.m);
    this.tx = new Float64Array(K.m);
    this.plainStep = new Float64Array(K.m);
    this.prevStage = { f: new Float64Array(K.nPad), g: new Float64Array(K.mPad), valid: false };
    K.buildExact(fA, gA, eps, true, coldStart ? 20 : 0);
  }

  /**
   * One iteration: a fused pass (row update, error), then — unless the error is below `target`,
   * in which case the state that met it is kept — the column update.
   * @param dropLimit largest truncated mass tolerated once the target is reached
   */
  step(target: number, dropLimit: number): StepOutcome {
    const { K } = this;
    const e = K.pass(this.u, this.uN, this.v, this.bv, this.acc, this.omega);
    if (e !== e) return 'non-finite';
    this.error = e;
    this.passesThisStage++;
    if (e < target) {
      this.swapU();
      // Stop only if the entries left out by truncation are negligible at these scalings.
      if (K.droppedMassBound(this.u, this.v) > dropLimit) {
        this.rebuild();
        return 'continue';
      }
      return 'reached';
    }
    if (!this.columnUpdate(e)) return 'non-finite';
    this.swapU();
    const t = this.v;
    this.v = this.vN;
    this.vN = t;
    if (this.accel === 'anderson') this.lv.set(this.tx);
    // Entries left out must stay negligible as u, v move, or the truncated support may admit no
    // plan at all (Sinkhorn then stalls): rebuild from C when the bound says so. While the error
    // is large, mass left out up to 1% of it does not change the course.
    if (K.droppedMassBound(this.u, this.v) > Math.max(dropLimit, 0.01 * e)) this.rebuild();
    else if (outsideScalingRange(this.u, K.n) || outsideScalingRange(this.v, K.m)) this.absorb(false);
    this.omega = this.nextOmega(e);
    return 'continue';
  }

  /**
   * The state failed: rebuild exactly from the last good iterate (u, v), re-anchoring every row
   * (a row whose entries all fell below e^−θ would have a zero sum and fail again; at ε far below
   * the costs' rounding, ~1e-30 of them, that happened every time), and go on plainly.
   */
  recover(): void {
    this.rebuild(true);
    this.resetAcceleration();
  }

  /**
   * The kernel's costs changed (`TiledKernel.setCostOffset`): start a new solve from the current
   * potentials, rebuilding the kernel from the new costs unless it was updated in place.
   */
  costsChanged(updatedInPlace: boolean): void {
    if (!updatedInPlace) this.rebuild(true);
    this.resetAcceleration();
    this.error = Infinity;
  }

  /** Moves to the next ε stage (ε/2): squares the absorbed kernel. */
  halveEpsilon(): void {
    this.absorb(true);
    this.eps /= 2;
    this.resetAcceleration();
    // Potentials move smoothly with ε (f_ε ≈ f_0 + ε h): extrapolate linearly from the last two
    // stages, f(ε/2) ≈ f(ε) + (f(ε) − f(2ε))/2, by starting the new stage's scalings at
    // exp(Δ/ε) instead of 1. Free, and it removes much of the error the change of ε brings.
    const { K, fA, gA, eps } = this;
    const prev = this.prevStage;
    if (prev.valid) {
      for (let r = 0; r < K.n; r++) this.u[r] = Math.exp(clamp((fA[r] - prev.f[r]) / (2 * eps)));
      for (let c = 0; c < K.m; c++) {
        this.lv[c] = clamp((gA[c] - prev.g[c]) / (2 * eps));
        this.v[c] = Math.exp(this.lv[c]);
      }
    }
    prev.f.set(fA);
    prev.g.set(gA);
    prev.valid = true;
  }

  /** Potentials fA + ε log u, gA + ε log v, internal order (lengths K.n, K.m). */
  potentials(): { f: Float64Array; g: Float64Array } {
    const { K, eps } = this;
    const f = new Float64Array(K.n);
    const g = new Float64Array(K.m);
    for (let r = 0; r < K.n; r++) f[r] = this.fA[r] + eps * Math.log(this.u[r]);
    for (let c = 0; c < K.m; c++) g[c] = this.gA[c] + eps * Math.log(this.v[c]);
    return { f, g };
  }

  private resetAcceleration(): void {
    this.ctrl.reset();
    this.omega = 1;
    this.aa.reset();
    this.passesThisStage = 0;
  }

  private swapU(): void {
    const t = this.u;
    this.u = this.uN;
    this.uN = t;
  }

  /** Writes the next v into vN; false if it is not finite and positive. */
  private columnUpdate(e: number): boolean {
    const { K, acc, tx, vN } = this;
    if (this.accel !== 'anderson') return K.columnUpdate(this.v, vN, acc, this.omega);
    const plain = this.plainStep;
    for (let c = 0; c < K.m; c++) plain[c] = -Math.log(acc[c]);
    this.aa.step(e, this.lv, plain, tx);
    const ok = expScalings(tx, vN);
    for (let c = K.m; c < K.mPad; c++) vN[c] = 1;
    return ok;
  }

  private nextOmega(e: number): number {
    if (this.accel !== 'over-relaxation') return 1;
    if (this.fixedOmega === undefined) return this.ctrl.next(e);
    // A few plain passes first: far from the solution a large ω can diverge.
    return this.passesThisStage < 4 ? 1 : this.fixedOmega;
  }

  /** Moves u, v into fA, gA (the plan is unchanged). */
  private absorbScalings(): void {
    const { fA, gA, u, v, eps, K } = this;
    for (let r = 0; r < K.nPad; r++) fA[r] += eps * Math.log(u[r]);
    for (let c = 0; c < K.mPad; c++) gA[c] += eps * Math.log(v[c]);
    // Absorbing conjugates the Anderson map by the same shift: keep its history.
    this.aa.shift(this.lv);
    this.lv.fill(0);
  }

  private absorb(square: boolean): void {
    this.K.absorb(this.u, this.v, square);
    this.absorbScalings();
    this.u.fill(1);
    this.v.fill(1);
  }

  private rebuild(checkRows = false): void {
    this.rebuilds++;
    this.absorbScalings();
    this.u.fill(1);
    this.v.fill(1);
    this.K.buildExact(this.fA, this.gA, this.eps, checkRows);
  }
}

/** Keeps an extrapolated log-scaling within a safe range. */
function clamp(x: number): number {
  return Math.max(-20, Math.min(20, x));
}
