/**
 * Procrustes alignment as the app and the command line run it: one entry point over the three
 * correspondence modes (by index, by drawn pairs, none = Wasserstein-Procrustes), returning one
 * result shape with the motion, its quality and the partners each aligned point is compared with.
 * Pure (no comlink, no `self`): the worker method and `cli/solvers/procrustes.ts` both call it.
 *
 * Procrustes always measures squared Euclidean distances, whatever the scenario's `cost`: the
 * least-squares fit is what has the closed-form (SVD) solution.
 */
import { randomLcg } from 'd3-random';
import { procrustes } from '../kernels/procrustes/procrustes.ts';
import type { MomentFit } from '../kernels/procrustes/procrustes.ts';
import {
  wassersteinProcrustesSteps,
  type WassersteinProcrustesProgress,
  type WassersteinProcrustesRestart,
} from '../kernels/procrustes/wassersteinProcrustes.ts';

/** How source points are matched to target points. */
export type AlignMode = 'index' | 'pairs' | 'none';

/** Restarts of Wasserstein-Procrustes (initial angles 0°, 45°, ..., doubled with reflections). */
export const ALIGN_RESTARTS = 8;

/** What to align. Points interleaved (length 2n, 2m); weights null for uniform. */
export interface AlignInput {
  x: Float64Array;
  y: Float64Array;
  a: Float64Array | null;
  b: Float64Array | null;
  mode: AlignMode;
  /** Drawn correspondences (mode `pairs`): source index i[k] ↔ target index j[k], equal lengths. */
  pairs: { i: Int32Array; j: Int32Array } | null;
  scaling: boolean;
  reflection: boolean;
  /** Seed of the subsample Wasserstein-Procrustes draws on large clouds (the scenario's seed). */
  seed: number;
}

/**
 * Who each aligned point is compared with: parallel arrays (source index, target index, weight).
 * Index mode: i = j = k; pairs: the drawn pairs; none: the optimal plan (masses sum to 1).
 */
export interface AlignPartners {
  i: Int32Array;
  j: Int32Array;
  w: Float64Array;
}

/** The Wasserstein-Procrustes part of a result (mode `none`). */
export interface AlignSearch {
  /** Σ P_ij |aligned x_i − y_j|² over the final plan, squared plane units. */
  objective: number;
  restarts: WassersteinProcrustesRestart[];
  bestRestart: number;
  /** Subsample sizes the restarts ran on, or null when they ran on all points. */
  sample: { n: number; m: number } | null;
  /** OT solves of the refinement on larger samples, the last level being all points. */
  refine: { n: number; m: number; iterations: number; converged: boolean }[];
  converged: boolean;
}

/** The fitted motion x ↦ scale · rotation · x + translation, and how well it aligns. */
export interface ProcrustesAlignment extends MomentFit {
  mode: AlignMode;
  /** Root mean squared distance of the aligned points to their partners (weighted), plane units. */
  rmsd: number;
  /** All n source points moved by the fit, interleaved, length 2n. */
  alignedSource: Float64Array;
  partners: AlignPartners;
  /** Present for mode `none`. */
  search: AlignSearch | null;
}

/** A problem the user can fix (sizes, missing pairs): shown as a message, never a crash. */
export class AlignInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlignInputError';
  }
}

/**
 * Why `input` cannot be aligned in its mode, or null when it can. Cheap (no solve): the app calls
 * it before starting a run, so typing a point too many shows a hint instead of an error notice.
 */
export function alignBlocker(n: number, m: number, mode: AlignMode, pairCount: number): string | null {
  if (n === 0 || m === 0) return 'Both clouds need at least one point.';
  if (mode === 'index' && n !== m) {
    return `Index correspondence pairs point k of the source with point k of the target, so it needs as many source as target points (now ${n} and ${m}). Choose “None” to let optimal transport find the pairs, or draw pairs.`;
  }
  if (mode === 'pairs' && pairCount === 0) return 'No pairs yet: click a source point, then a target point.';
  return null;
}

/** Weight of index pair k: the source weight, else the target weight, else 1 (see DESIGN.md section 4). */
function indexWeights(a: Float64Array | null, b: Float64Array | null): Float64Array | undefined {
  return a ? a : b ? b : undefined;
}

/**
 * Aligns the source onto the target. Yields after every Wasserstein-Procrustes alternation (mode
 * `none`) so a runner can report progress and cancel; the other modes return without yielding.
 * @throws AlignInputError for a problem in the input (see {@link alignBlocker}); RangeError from the
 *   kernels for malformed arrays (not finite, bad weights)
 */
export function* alignSteps(
  input: AlignInput,
): Generator<WassersteinProcrustesProgress, ProcrustesAlignment, void> {
  const { x, y, a, b, mode, scaling, reflection } = input;
  const n = x.length >> 1;
  const m = y.length >> 1;
  const pairCount = input.pairs ? input.pairs.i.length : 0;
  const blocked = alignBlocker(n, m, mode, pairCount);
  if (blocked) throw new AlignInputError(blocked);

  if (mode === 'none') {
    const r = yield* wassersteinProcrustesSteps(x, y, {
      a,
      b,
      scaling,
      reflection,
      restarts: ALIGN_RESTARTS,
      random: randomLcg(input.seed),
    });
    const { objective, restarts, bestRestart, sample, refine, converged, plan, alignedSource, rmsd } = r;
    return {
      ...fitOf(r),
      mode,
      rmsd,
      alignedSource,
      partners: { i: plan.i, j: plan.j, w: plan.mass },
      search: { objective, restarts, bestRestart, sample, refine, converged },
    };
  }

  let I: Int32Array;
  let J: Int32Array;
  let w: Float64Array;
  if (mode === 'index') {
    I = Int32Array.from({ length: n }, (_, k) => k);
    J = I;
    w = indexWeights(a, b) ?? new Float64Array(n).fill(1);
  } else {
    const { i, j } = input.pairs!;
    for (let k = 0; k < i.length; k++) {
      if (i[k] < 0 || i[k] >= n || j[k] < 0 || j[k] >= m) {
        throw new AlignInputError(`Pair ${k + 1} refers to a point that no longer exists; clear the pairs.`);
      }
    }
    I = i;
    J = j;
    w = new Float64Array(i.length).fill(1);
  }
  const r = procrustes(x, y, { correspondence: { i: I, j: J }, weights: w, scaling, reflection });
  return {
    ...fitOf(r),
    mode,
    rmsd: r.rmsd,
    alignedSource: r.alignedSource,
    partners: { i: I, j: J, w },
    search: null,
  };
}

/** Runs {@link alignSteps} to completion. */
export function align(input: AlignInput): ProcrustesAlignment {
  const steps = alignSteps(input);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** Just the motion fields of a kernel result (drops the kernel's extra arrays). */
function fitOf(r: MomentFit): MomentFit {
  return {
    rotation: r.rotation,
    scale: r.scale,
    translation: r.translation,
    angle: r.angle,
    reflected: r.reflected,
    sourceCentroid: r.sourceCentroid,
    rotationDetermined: r.rotationDetermined,
  };
}

/**
 * A progress fraction in [0, 1) for a Wasserstein-Procrustes step, and a short text. The number of
 * alternations is not known in advance: each restart fills its share asymptotically, and the
 * refinement on all points takes the last share.
 * @param restartCount the number of restarts (doubled when reflections are allowed)
 */
export function alignProgress(
  p: WassersteinProcrustesProgress,
  restartCount: number,
): { fraction: number; text: string } {
  const slots = restartCount + 1;
  const within = 1 - 1 / (1 + p.iteration / 3);
  if (p.phase === 'restart') {
    return {
      fraction: (p.restart + within) / slots,
      text: `restart ${p.restart + 1} of ${restartCount}`,
    };
  }
  return { fraction: (restartCount + within) / slots, text: 'refining on all points' };
}

/** The restart count the kernel runs for these settings (doubled with reflections). */
export function restartCount(reflection: boolean): number {
  return reflection ? 2 * ALIGN_RESTARTS : ALIGN_RESTARTS;
}
