/**
 * Which clouds a barycenter solve uses and with what weights: every non-empty cloud of the
 * scenario, with its λ (from `effectiveLambdas`) renormalised over them. Empty clouds are left out
 * (an empty measure has no W₂ distance to anything), so drawing a new cloud does not break the
 * solve while it is still empty. Pure.
 */
import type { BarycenterSolver } from '../../../workers/methods/barycenterTypes.ts';
import { cloudSize, type Scenario } from '../../scenario/types.ts';
import { effectiveLambdas } from './lambdas.ts';

/** What the solver is given, or why nothing can be solved. */
export interface BarycenterInputs {
  /** Indices (into `scenario.clouds`) of the clouds used. */
  used: number[];
  /** λ over `used`, normalised (sum 1); empty when `problem` is set. */
  lambdas: Float64Array;
  /** Why the weights differ from the parameter (see `effectiveLambdas`), or null. */
  note: string | null;
  /** Set when there is nothing to solve: fewer than two non-empty clouds, or no weight on them. */
  problem: string | null;
}

/** The clouds and weights of the barycenter of `s`. */
export function barycenterInputs(s: Pick<Scenario, 'clouds' | 'params'>): BarycenterInputs {
  const { lambdas: all, note } = effectiveLambdas(s);
  const used: number[] = [];
  s.clouds.forEach((c, k) => {
    if (cloudSize(c) > 0) used.push(k);
  });
  const none = new Float64Array(0);
  if (used.length < 2) {
    const have = used.length === 0 ? 'no cloud has points' : `only ${s.clouds[used[0]].name} has points`;
    return {
      used,
      lambdas: none,
      note,
      problem: `A barycenter needs at least two clouds with points; ${have}. Draw or load another cloud.`,
    };
  }
  const total = used.reduce((t, k) => t + all[k], 0);
  if (!(total > 0)) {
    return {
      used,
      lambdas: none,
      note,
      problem: 'Every cloud with points has weight 0: give one of them a positive weight.',
    };
  }
  return { used, lambdas: Float64Array.from(used, (k) => all[k] / total), note, problem: null };
}

/** The solver parameter as the worker's type. */
export const solverOf = (s: Pick<Scenario, 'params'>): BarycenterSolver =>
  s.params.solver === 'grid' ? 'grid' : s.params.solver === 'entropic' ? 'entropic' : 'free-support';
