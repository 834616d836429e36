/**
 * One Sinkhorn problem and its solver state, behind `sinkhorn.ts` (which documents the algorithm
 * and is the public entry): setup, the loop over ε stages, and reading out the result. Kept as an
 * object so a solve can go on after its costs change by a per-(row class, column) offset
 * (`setCostOffset`), reusing the kernel: class-regularised transport solves ten such problems in
 * a row, and rebuilding the kernel from scratch for each was most of its time.
 */
import type { SinkhornOptions, SinkhornProgress, SinkhornResult, SinkhornStop } from './sinkhorn.ts';
import { SinkhornIterate } from './sinkhornIterate.ts';
import { TiledKernel } from './sinkhornTiles.ts';
import { materializePlan, planEntries, type ClassColumnMasses } from './sinkhornTilesPlan.ts';
import { checkSinkhornInput, originalPotentials, scalingStart, type SinkhornInput } from './sinkhornSetup.ts';

/**
 * Smallest ε solved at, relative to max |C| (over pairs of positive weights): a smaller ε is raised
 * to this. Costs are rounded to ~2e-16 × max |C|, so below it the Gibbs kernel is noise.
 */
export const EPSILON_FLOOR = 1e-13;

/** Costs C_ij + offset[classOf[i]·m + j]: an offset that depends on a row's class and the column. */
export interface RowClassOffset {
  /** Class of each source point (0..classes−1), length n. */
  classOf: Int32Array;
  classes: number;
  /** classes×m, cost units, finite. */
  offset: Float64Array;
}

/** How one {@link SinkhornSolver.run} ended. */
export interface SinkhornRun {
  iterations: number;
  stop: SinkhornStop;
  errorHistory: Float64Array;
  stages: { epsilon: number; iterations: number }[];
}

/** The plan's summary numbers, from one pass over the kernel (see {@link SinkhornSolver.summarize}). */
export interface SinkhornSummary {
  /** <P, C> for the current costs (offset included), cost units. */
  cost: number;
  /** −Σ P log P, nats. */
  entropy: number;
  /** L1 marginal error, both sides summed. */
  marginalError: number;
  /** Potentials, original order (see SinkhornResult). */
  f: Float64Array;
  g: Float64Array;
}

export class SinkhornSolver {
  private readonly input: SinkhornInput;
  private readonly K: TiledKernel;
  private readonly it: SinkhornIterate;
  /** The ε stages and the one in progress (index); a later run goes on from it. */
  private readonly epsilons: number[];
  private stage = 0;
  private readonly yieldEvery: number;
  private readonly stageTol: number;
  private readonly stageMax: number;
  private offset: RowClassOffset | null = null;

  /** Checks the problem and builds the kernel (see `sinkhornSteps` for the parameters). */
  constructor(a: Float64Array, b: Float64Array, C: Float64Array, options: SinkhornOptions) {
    const input = checkSinkhornInput(a, b, C, options);
    this.input = input;
    const { m, tol, rows, cols } = input;
    // Never so low that truncation could cost more than 1% of the tolerance right after a build.
    const theta = Math.max(options.truncation ?? Math.log(1 / tol) + 12, Math.log(100 / tol) + 2);
    const K = new TiledKernel(C, m, rows, cols, input.aInt, input.bInt, theta);
    this.K = K;
    this.yieldEvery = options.yieldEvery ?? 10;
    const scaling = typeof options.epsilonScaling === 'object' ? options.epsilonScaling : {};
    this.stageTol = scaling.stageTolerance ?? 1e-2;
    this.stageMax = scaling.stageMaxIterations ?? 200;
    if (!K.costsFinite) throw new RangeError('sinkhorn: C must be finite');
    // Below the rounding of the costs every kernel entry is noise (at 1e-30 × max |C| the exponents
    // are off by ~1e14 nats, and a cold start overflowed): solve at the floor instead, where the
    // rounding is ~0.01 nats. `epsilon` in the result says which ε was used.
    input.eps = Math.max(input.eps, EPSILON_FLOOR * Math.max(Math.abs(K.costMin), Math.abs(K.costMax)));
    this.epsilons = scalingStart(input, options, K.costMean - K.costMin);

    const fA = new Float64Array(K.nPad);
    const gA = new Float64Array(K.mPad);
    if (options.warmStart) {
      for (let r = 0; r < K.n; r++) fA[r] = options.warmStart.f[rows[r]];
      for (let c = 0; c < K.m; c++) gA[c] = options.warmStart.g[cols[c]];
    }
    this.it = new SinkhornIterate(
      K,
      fA,
      gA,
      this.epsilons[0],
      options.acceleration ?? 'anderson',
      options.andersonMemory ?? 12,
      options.omega,
      !options.warmStart,
    );
  }

  /**
   * Changes the costs to C_ij + offset[classOf[i]·m + j] (C as given to the constructor); the next
   * {@link run} solves the new problem from the current potentials, at the current stage's ε.
   * @throws RangeError on a malformed offset
   */
  setCostOffset(offset: RowClassOffset): void {
    const { n, m } = this.input;
    const { classOf, classes } = offset;
    if (!(Number.isInteger(classes) && classes >= 1) || offset.offset.length !== classes * m) {
      throw new RangeError('sinkhorn: the cost offset must have classes×m entries');
    }
    if (classOf.length !== n || !classOf.every((k) => k >= 0 && k < classes)) {
      throw new RangeError('sinkhorn: every source point needs a class in 0..classes−1');
    }
    if (!offset.offset.every(Number.isFinite))
      throw new RangeError('sinkhorn: the cost offset must be finite');
    this.offset = offset;
    this.it.costsChanged(this.K.setCostOffset(classOf, classes, offset.offset, this.it.eps));
  }

  /**
   * Iterates through the remaining ε stages until the last meets the tolerance or `maxIterations`
   * passes were made in this run; yields every `yieldEvery` passes.
   */
  *run(maxIterations = this.input.maxIterations): Generator<SinkhornProgress, SinkhornRun> {
    const { it, input, epsilons } = this;
    const history: number[] = [];
    const stages: { epsilon: number; iterations: number }[] = [];
    let iterations = 0;
    let stop: SinkhornStop = 'max-iterations';
    let recoveries = 0;
    for (; this.stage < epsilons.length; this.stage++) {
      const last = this.stage === epsilons.length - 1;
      const target = last ? input.tol : this.stageTol;
      const stageStart = iterations;
      for (;;) {
        if (iterations >= maxIterations) break;
        if (!last && iterations - stageStart >= this.stageMax) break;
        // Truncation may leave out at most 1% of the target error.
        const outcome = it.step(target, 0.01 * target);
        if (outcome === 'non-finite') {
          if (++recoveries > 3) {
            stop = 'non-finite';
            break;
          }
          it.recover();
          continue;
        }
        recoveries = 0;
        iterations++;
        history.push(it.error);
        if (outcome === 'reached') {
          if (last) stop = 'converged';
          break;
        }
        if (this.yieldEvery > 0 && iterations % this.yieldEvery === 0) yield this.progress(iterations);
      }
      stages.push({ epsilon: it.eps, iterations: iterations - stageStart });
      if (stop !== 'max-iterations' || iterations >= maxIterations || last) break;
      // ε halves: the kernel at ε/2 for the absorbed potentials is the square of the absorbed one.
      it.halveEpsilon();
    }
    return { iterations, stop, errorHistory: Float64Array.from(history), stages };
  }

  /** ε of the current stage (the requested ε once the last stage is reached). */
  get epsilon(): number {
    return this.it.eps;
  }

  /**
   * The summary numbers of the current plan from one pass over the kernel; writes the dense plan
   * (n×m, zeroed) into `plan` and the class masses into `classes.mass` when given.
   */
  summarize(plan: Float64Array | null, classes?: ClassColumnMasses): SinkhornSummary {
    const { n, m, a, b } = this.input;
    const { f, g } = this.potentials();
    const eps = this.it.eps;
    const rowSum = new Float64Array(n);
    const colSum = new Float64Array(m);
    const cost = materializePlan(this.K, this.it.u, this.it.v, plan, rowSum, colSum, classes);
    let marginalError = 0;
    // −Σ P log P with log P_ij = log a_i + log b_j + (f_i + g_j − C_ij)/ε, summed by marginals
    // (no log per entry).
    let entropy = cost;
    for (let i = 0; i < n; i++) {
      marginalError += Math.abs(rowSum[i] - a[i]);
      if (rowSum[i] > 0) entropy -= rowSum[i] * (eps * Math.log(a[i]) + f[i]);
    }
    for (let j = 0; j < m; j++) {
      marginalError += Math.abs(colSum[j] - b[j]);
      if (colSum[j] > 0) entropy -= colSum[j] * (eps * Math.log(b[j]) + g[j]);
    }
    return { cost, entropy: entropy / eps, marginalError, f, g };
  }

  /** The full result of a run: the dense plan and its summary. */
  result(run: SinkhornRun): SinkhornResult {
    const { n, m } = this.input;
    const plan = new Float64Array(n * m);
    const s = this.summarize(plan);
    return { plan, ...s, epsilon: this.it.eps, converged: run.stop === 'converged', ...run };
  }

  /** Potentials in original order (zero-weight points get their c-transform). */
  private potentials(): { f: Float64Array; g: Float64Array } {
    const p = this.it.potentials();
    return originalPotentials(this.input, p.f, p.g, this.it.eps, this.offset);
  }

  private progress(iteration: number): SinkhornProgress {
    const { K, it, input } = this;
    const { f, g } = this.potentials();
    const u = it.u.slice();
    const v = it.v.slice();
    return {
      iteration,
      epsilon: it.eps,
      marginalError: it.error,
      f,
      g,
      plan: () => {
        const P = new Float64Array(input.n * input.m);
        materializePlan(K, u, v, P, new Float64Array(input.n), new Float64Array(input.m));
        return P;
      },
      entries: (threshold: number) => planEntries(K, u, v, threshold),
    };
  }
}
