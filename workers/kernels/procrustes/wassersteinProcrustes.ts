/**
 * Wasserstein-Procrustes (Grave, Joulin & Berthet, 2019): align two planar clouds without
 * correspondences, min over similarities M and plans P of Σ_ij P_ij |M x_i − y_j|², by alternating
 * an exact OT plan for the current M with a Procrustes fit of M on the plan (cross-covariance
 * Σ_ij P_ij (x_i − μx)(y_j − μy)ᵀ, so clouds of different sizes and weights work).
 *
 * The problem is not convex: the alternation finds a local minimum near where it starts. So it
 * restarts from several initial rotations (and mirror images, when allowed) and keeps the lowest
 * objective. On large clouds the restarts run on a seeded random subsample of each side, and only
 * the winner is refined, on subsamples eight times larger each and last on the full clouds. Why: an
 * exact OT solve far from the answer is slow (1000 points: seconds at 30° off, ~50 ms near the
 * answer), so 8 restarts on 1000 points take minutes, while ~100 points tell the basins apart and
 * leave the winner within a few degrees, where the full-size solves are cheap.
 */
import { randomLcg } from 'd3-random';
import { costMatrix, normalizeWeights } from '../cost.ts';
import { exactOT, type ExactOptions, type SparsePlan } from '../exact/exact.ts';
import { checkPoints, fitMoments, pairMoments, type MomentFit } from './procrustes.ts';
import { applyMotion, reflectionMatrix, rotationMatrix, wrapAngle } from './rigidMotion.ts';

/** Options of {@link wassersteinProcrustes}. */
export interface WassersteinProcrustesOptions {
  /** Source weights, length n, finite, >= 0, not all zero; normalised to mass 1. Default uniform. */
  a?: Float64Array | null;
  /** Target weights, length m, likewise. */
  b?: Float64Array | null;
  /** Fit a uniform scale too. Default false. */
  scaling?: boolean;
  /** Allow mirror images; doubles the restarts (each initial angle also as a reflection). Default false. */
  reflection?: boolean;
  /** Initial angles, evenly spaced from 0: 2πk / restarts. Default 8. */
  restarts?: number;
  /** Cap on OT solves per restart and per refinement level. Default 50. */
  maxAlternations?: number;
  /**
   * Restarts run on at most this many points per side (a uniform random subsample of the points
   * with positive weight, weights renormalised). The best is then refined on subsamples eight times
   * larger each, and last on all points: each level starts close to its answer, which keeps its
   * OT solves cheap. Default 128; `Infinity` runs every restart on the full clouds (slow: minutes
   * for 1000 points).
   */
  sampleSize?: number;
  /** Uniform [0, 1) generator for the subsample. Default `randomLcg(0x5eed)`: deterministic. */
  random?: () => number;
  /** Passed to every {@link exactOT} call. */
  exact?: ExactOptions;
}

/** What one restart did. */
export interface WassersteinProcrustesRestart {
  /** Initial angle in radians, in (−π, π], and whether the initial map was a reflection. */
  initialAngle: number;
  initialReflected: boolean;
  /** Where it ended: angle (see `FittedMotion.angle`) and reflection. */
  angle: number;
  reflected: boolean;
  /** Final Σ P_ij |M x_i − y_j|² (on the subsample when one was used), in squared point units. */
  objective: number;
  /** OT solves performed. */
  iterations: number;
  /** True when it stopped because the plan (or the objective) stopped changing, not at the cap. */
  converged: boolean;
}

/** Reported after each alternation. */
export interface WassersteinProcrustesProgress {
  /** `restart`: one of the restarts (on the subsample, if any); `refine`: the winner on all points. */
  phase: 'restart' | 'refine';
  /** Index into `restarts` (the winner's, during `refine`). */
  restart: number;
  /** OT solves so far in this phase. */
  iteration: number;
  /** Objective of the plan just solved under the motion it was solved for. */
  objective: number;
  /** The motion fitted to that plan. */
  motion: MomentFit;
}

/** Result of {@link wassersteinProcrustes}: the best motion found. aligned = scale · rotation · x + translation. */
export interface WassersteinProcrustesResult extends MomentFit {
  /** Σ P_ij |aligned x_i − y_j|² over the final plan (masses sum to 1), in squared point units. */
  objective: number;
  /** sqrt(objective). */
  rmsd: number;
  /** An optimal plan between the aligned source and the target (indices into the full clouds). */
  plan: SparsePlan;
  /** All n source points moved by the motion, interleaved, length 2n. */
  alignedSource: Float64Array;
  restarts: WassersteinProcrustesRestart[];
  /** Index of the restart that won. */
  bestRestart: number;
  /** Subsample sizes the restarts used, or null when they ran on the full clouds. */
  sample: { n: number; m: number } | null;
  /**
   * The refinement of the winner, level by level (empty without a subsample): cloud sizes, OT
   * solves and convergence. The last level is the full clouds.
   */
  refine: { n: number; m: number; iterations: number; converged: boolean }[];
  /** Whether the final alternation (the refinement, or the winning restart) converged. */
  converged: boolean;
}

/** Two weighted clouds, weights summing to 1. */
interface Problem {
  x: Float64Array;
  y: Float64Array;
  a: Float64Array;
  b: Float64Array;
}

interface Outcome {
  fit: MomentFit;
  plan: SparsePlan;
  objective: number;
  iterations: number;
  converged: boolean;
}

/** Relative decrease of the objective under which the alternation counts as stalled. */
const STALL = 1e-10;

/**
 * Runs Wasserstein-Procrustes to completion. See {@link wassersteinProcrustesSteps}.
 * @param x source points, interleaved, length 2n; y target points, interleaved, length 2m
 * @throws RangeError on malformed points or weights
 */
export function wassersteinProcrustes(
  x: Float64Array,
  y: Float64Array,
  options: WassersteinProcrustesOptions = {},
): WassersteinProcrustesResult {
  const steps = wassersteinProcrustesSteps(x, y, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Wasserstein-Procrustes as a generator that yields a small progress record after every
 * alternation (for progress bars, animation and cooperative cancellation) and returns the result.
 * Deterministic for a given `random`. Each restart stops when the plan stops changing, when the
 * objective decreases by less than 1e-10 relative, or after `maxAlternations` OT solves.
 */
export function* wassersteinProcrustesSteps(
  x: Float64Array,
  y: Float64Array,
  options: WassersteinProcrustesOptions = {},
): Generator<WassersteinProcrustesProgress, WassersteinProcrustesResult, void> {
  checkPoints(x, 'wassersteinProcrustes: source');
  checkPoints(y, 'wassersteinProcrustes: target');
  const full: Problem = {
    x,
    y,
    a: weightsOrUniform(options.a, x.length >> 1, 'a'),
    b: weightsOrUniform(options.b, y.length >> 1, 'b'),
  };
  const restartCount = Math.max(1, Math.floor(options.restarts ?? 8));
  const maxAlt = Math.max(1, Math.floor(options.maxAlternations ?? 50));
  const sampleSize = Math.max(2, options.sampleSize ?? 128);
  const random = options.random ?? randomLcg(0x5eed);
  const settings = {
    scaling: options.scaling ?? false,
    reflection: options.reflection ?? false,
    exact: options.exact,
  };

  const sampled = full.a.length > sampleSize || full.b.length > sampleSize;
  const work = sampled ? subProblem(full, sampleSize, random) : full;

  const starts: { angle: number; reflected: boolean }[] = [];
  for (const reflected of settings.reflection ? [false, true] : [false]) {
    for (let k = 0; k < restartCount; k++)
      starts.push({ angle: wrapAngle((2 * Math.PI * k) / restartCount), reflected });
  }
  const restarts: WassersteinProcrustesRestart[] = [];
  let best: Outcome | null = null;
  let bestRestart = 0;
  for (let r = 0; r < starts.length; r++) {
    const init = initialFit(work, starts[r].angle, starts[r].reflected, settings.scaling);
    const out: Outcome = yield* alternate(work, init, settings, maxAlt, 'restart', r);
    restarts.push({
      initialAngle: starts[r].angle,
      initialReflected: starts[r].reflected,
      angle: out.fit.angle,
      reflected: out.fit.reflected,
      objective: out.objective,
      iterations: out.iterations,
      converged: out.converged,
    });
    if (best === null || out.objective < best.objective) {
      best = out;
      bestRestart = r;
    }
  }
  let final = best!;
  const refine: WassersteinProcrustesResult['refine'] = [];
  for (let size = 8 * sampleSize; sampled; size *= 8) {
    const last = full.a.length <= size && full.b.length <= size;
    const level = last ? full : subProblem(full, size, random);
    final = yield* alternate(level, final.fit, settings, maxAlt, 'refine', bestRestart);
    refine.push({
      n: level.a.length,
      m: level.b.length,
      iterations: final.iterations,
      converged: final.converged,
    });
    if (last) break;
  }
  return {
    ...final.fit,
    objective: final.objective,
    rmsd: Math.sqrt(final.objective),
    plan: final.plan,
    alignedSource: applyMotion(final.fit, x),
    restarts,
    bestRestart,
    sample: sampled ? { n: work.a.length, m: work.b.length } : null,
    refine,
    converged: final.converged,
  };
}

/** One alternation from `fit`: OT plan for the current motion, then Procrustes on the plan. */
function* alternate(
  p: Problem,
  start: MomentFit,
  settings: { scaling: boolean; reflection: boolean; exact?: ExactOptions },
  maxAlt: number,
  phase: 'restart' | 'refine',
  restart: number,
): Generator<WassersteinProcrustesProgress, Outcome, void> {
  const m = p.b.length;
  const aligned = new Float64Array(p.x.length);
  const C = new Float64Array(p.a.length * m);
  let fit = start;
  let previous: PlanKey | null = null;
  let previousCost = Infinity;
  for (let it = 1; it <= maxAlt; it++) {
    applyMotion(fit, p.x, aligned);
    const ot = exactOT(p.a, p.b, costMatrix(aligned, p.y, 'sqeuclidean', C), settings.exact);
    const key = planKey(ot.plan, m);
    // ot.cost is the objective of (fit, new plan); it can only go down between alternations.
    if ((previous !== null && samePlan(previous, key)) || ot.cost >= previousCost - STALL * previousCost) {
      return { fit, plan: ot.plan, objective: ot.cost, iterations: it, converged: true };
    }
    previous = key;
    previousCost = ot.cost;
    fit = fitMoments(
      pairMoments(p.x, p.y, ot.plan.i, ot.plan.j, ot.plan.mass),
      settings.scaling,
      settings.reflection,
    );
    yield { phase, restart, iteration: it, objective: ot.cost, motion: fit };
    if (it === maxAlt) {
      return {
        fit,
        plan: ot.plan,
        objective: planObjective(fit, p, ot.plan),
        iterations: it,
        converged: false,
      };
    }
  }
  throw new Error('unreachable: maxAlt >= 1');
}

/** The motion with the given linear part that matches centroids (and rms spreads, with scaling). */
function initialFit(p: Problem, angle: number, reflected: boolean, scaling: boolean): MomentFit {
  const sx = cloudMoments(p.x, p.a);
  const sy = cloudMoments(p.y, p.b);
  const rotation = reflected ? reflectionMatrix(angle) : rotationMatrix(angle);
  const scale = scaling && sx.spread > 0 ? Math.sqrt(sy.spread / sx.spread) : 1;
  const [cx, cy] = sx.centroid;
  return {
    rotation,
    scale,
    translation: [
      sy.centroid[0] - scale * (rotation[0] * cx + rotation[1] * cy),
      sy.centroid[1] - scale * (rotation[2] * cx + rotation[3] * cy),
    ],
    angle,
    reflected,
    sourceCentroid: [cx, cy],
    rotationDetermined: true,
  };
}

/** Weighted centroid and Σ w |p − centroid|² (weights sum to 1). */
function cloudMoments(p: Float64Array, w: Float64Array): { centroid: [number, number]; spread: number } {
  let mx = 0;
  let my = 0;
  for (let k = 0; k < w.length; k++) {
    mx += w[k] * p[2 * k];
    my += w[k] * p[2 * k + 1];
  }
  let spread = 0;
  for (let k = 0; k < w.length; k++) spread += w[k] * ((p[2 * k] - mx) ** 2 + (p[2 * k + 1] - my) ** 2);
  return { centroid: [mx, my], spread };
}

/** Σ P_ij |fit(x_i) − y_j|² over the plan's entries. */
function planObjective(fit: MomentFit, p: Problem, plan: SparsePlan): number {
  const moved = applyMotion(fit, p.x);
  let sum = 0;
  for (let k = 0; k < plan.mass.length; k++) {
    const dx = moved[2 * plan.i[k]] - p.y[2 * plan.j[k]];
    const dy = moved[2 * plan.i[k] + 1] - p.y[2 * plan.j[k] + 1];
    sum += plan.mass[k] * (dx * dx + dy * dy);
  }
  return sum;
}

/** A plan in canonical order: entries sorted by i·m + j. */
interface PlanKey {
  cells: Float64Array;
  mass: Float64Array;
}

function planKey(plan: SparsePlan, m: number): PlanKey {
  const count = plan.mass.length;
  const cellOf = (k: number) => plan.i[k] * m + plan.j[k];
  const order = Array.from({ length: count }, (_, k) => k).sort((p, q) => cellOf(p) - cellOf(q));
  const cells = new Float64Array(count);
  const mass = new Float64Array(count);
  order.forEach((k, r) => {
    cells[r] = cellOf(k);
    mass[r] = plan.mass[k];
  });
  return { cells, mass };
}

/** Same support and the same masses up to rounding (1e-12, masses summing to 1). */
function samePlan(p: PlanKey, q: PlanKey): boolean {
  if (p.cells.length !== q.cells.length) return false;
  for (let k = 0; k < p.cells.length; k++) {
    if (p.cells[k] !== q.cells[k] || Math.abs(p.mass[k] - q.mass[k]) > 1e-12) return false;
  }
  return true;
}

/** Validated weights normalised to sum 1, or uniform ones. */
function weightsOrUniform(w: Float64Array | null | undefined, n: number, name: string): Float64Array {
  if (!w) return new Float64Array(n).fill(1 / n);
  if (w.length !== n)
    throw new RangeError(`wassersteinProcrustes: ${name} has ${w.length} weights for ${n} points`);
  let total = 0;
  for (let k = 0; k < n; k++) {
    if (!(w[k] >= 0) || !Number.isFinite(w[k])) {
      throw new RangeError(`wassersteinProcrustes: ${name}[${k}] = ${w[k]} is not finite and >= 0`);
    }
    total += w[k];
  }
  if (!(total > 0)) {
    const side = name === 'a' ? 'source' : 'target';
    throw new RangeError(`wassersteinProcrustes: ${name} has no mass (the ${side} weights are all zero)`);
  }
  // Not w / total: the total of weights near the float maximum overflows to ∞ (all weights 0).
  return normalizeWeights(w, n);
}

/** Independent subsamples of both sides, at most `size` points each. */
function subProblem(p: Problem, size: number, random: () => number): Problem {
  const sx = subsample(p.x, p.a, size, random);
  const sy = subsample(p.y, p.b, size, random);
  return { x: sx.points, a: sx.weights, y: sy.points, b: sy.weights };
}

/** Up to `size` points drawn uniformly without replacement among those of positive weight. */
function subsample(
  points: Float64Array,
  w: Float64Array,
  size: number,
  random: () => number,
): { points: Float64Array; weights: Float64Array } {
  const pool: number[] = [];
  for (let k = 0; k < w.length; k++) if (w[k] > 0) pool.push(k);
  const count = Math.min(size, pool.length);
  // Partial Fisher–Yates: the first `count` slots become a uniform sample.
  for (let k = 0; k < count; k++) {
    const r = k + Math.floor(random() * (pool.length - k));
    [pool[k], pool[r]] = [pool[r], pool[k]];
  }
  const sub = new Float64Array(2 * count);
  const weights = new Float64Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) {
    sub[2 * k] = points[2 * pool[k]];
    sub[2 * k + 1] = points[2 * pool[k] + 1];
    weights[k] = w[pool[k]];
    total += weights[k];
  }
  for (let k = 0; k < count; k++) weights[k] /= total;
  return { points: sub, weights };
}
