/**
 * `ot solve --method procrustes`: align the source onto the target by a similarity
 * (workers/methods/procrustesAlign.ts). `correspondence=index` is orthogonal Procrustes
 * (Kabsch/Umeyama) with point k ↔ point k; `pairs` uses the scenario's drawn pairs (the `pairs`
 * parameter, source i ↔ target j; pairs past the end of a cloud are ignored, as in the app); `none`
 * is Wasserstein-Procrustes (restarts from 8 angles, or 16 with reflections). Output (DESIGN.md
 * section 4): rotation (2×2, rows), scale, translation, rmsd, alignedSource, where aligned =
 * scale · rotation · x + translation; also the angle in degrees and whether it is a reflection; for
 * `none` the objective, the restarts and the plan.
 */
import {
  align,
  AlignInputError,
  type AlignInput,
  type ProcrustesAlignment,
} from '../../workers/methods/procrustesAlign.ts';
import { alignModeOf } from '../../src/methods/procrustes/alignMode.ts';
import { pairsOf, validPairs } from '../../src/methods/procrustes/pairs.ts';
import { sourceCloud, targetCloud } from '../../src/scenario/types.ts';
import { UsageError } from '../errors.ts';
import { defineSolver, pairs, plain } from './types.ts';

const degrees = (rad: number) => (rad * 180) / Math.PI;

export default defineSolver<AlignInput, ProcrustesAlignment>({
  prepare({ scenario: s }) {
    const mode = alignModeOf(s.params.correspondence);
    const n = sourceCloud(s).points.length >> 1;
    const m = targetCloud(s).points.length >> 1;
    if (mode === 'index' && n !== m) {
      throw new UsageError(
        `correspondence=index needs as many source as target points (got ${n} and ${m}); use --param correspondence=none`,
      );
    }
    const drawn = mode === 'pairs' ? validPairs(pairsOf(s), n, m) : null;
    if (drawn && drawn.i.length === 0) {
      throw new UsageError(
        'correspondence=pairs needs at least one pair of existing points (for example --param pairs=0-0,1-1)',
      );
    }
    return {
      x: sourceCloud(s).points,
      y: targetCloud(s).points,
      a: sourceCloud(s).weights,
      b: targetCloud(s).weights,
      mode,
      pairs: drawn && { i: drawn.i.slice(), j: drawn.j.slice() },
      scaling: s.params.scaling === true,
      reflection: s.params.reflection === true,
      seed: s.seed,
    };
  },
  run(input) {
    try {
      return align(input);
    } catch (e) {
      if (e instanceof AlignInputError) throw new UsageError(e.message);
      throw e;
    }
  },
  toJson(r) {
    const R = r.rotation;
    const out: Record<string, unknown> = {
      correspondence: r.mode,
      rotation: [
        [R[0], R[1]],
        [R[2], R[3]],
      ],
      scale: r.scale,
      translation: [...r.translation],
      rmsd: r.rmsd,
      alignedSource: pairs(r.alignedSource),
      angleDegrees: degrees(r.angle),
      reflected: r.reflected,
      rotationDetermined: r.rotationDetermined,
    };
    if (r.search) {
      const { search } = r;
      Object.assign(out, {
        objective: search.objective,
        bestRestart: search.bestRestart,
        restarts: search.restarts.map((q) => ({
          initialAngleDegrees: degrees(q.initialAngle),
          initialReflected: q.initialReflected,
          angleDegrees: degrees(q.angle),
          reflected: q.reflected,
          objective: q.objective,
          iterations: q.iterations,
          converged: q.converged,
        })),
        sample: search.sample,
        refine: search.refine,
        converged: search.converged,
        plan: { i: plain(r.partners.i), j: plain(r.partners.j), mass: plain(r.partners.w) },
      });
    }
    return out;
  },
});
