/**
 * The app's seeded draws, for the Python export: the sliced directions (`sliceAngles`) and the free
 * support's starting points (`mixtureSupport`, with the weight and λ normalisation it is called
 * with). NumPy cannot reproduce the app's `randomLcg` stream, so the exported scripts embed what
 * these functions return, and they must be the kernels' own functions — a copy could drift from
 * what the solver draws, and the script would then silently solve another problem. They are a few
 * lines of arithmetic, not solvers, and this module is only loaded with the export (lazily).
 */
import type { Scenario } from '../scenario/types.ts';
/* eslint-disable @typescript-eslint/no-restricted-imports -- the kernels' own seeded draws (see above) */
import { mixtureSupport } from '../../workers/kernels/barycenter/initialSupport.ts';
import { normalizeWeights } from '../../workers/kernels/cost.ts';
import { sliceAngles } from '../../workers/kernels/sliced/sliced.ts';
/* eslint-enable @typescript-eslint/no-restricted-imports */

export { sliceAngles };

/**
 * The free-support barycenter's starting support for `init: 'mixture'`: k = `size` points drawn
 * from the λ-mixture of the clouds with the scenario's seed, exactly as the solver draws them
 * (interleaved, length 2k).
 * @param lambdas λ as the solver receives them (one per cloud; normalised here as the kernel does)
 */
export function mixtureStart(s: Scenario, lambdas: Float64Array, size: number): Float64Array {
  const points = s.clouds.map((c) => c.points);
  const weights = s.clouds.map((c) => normalizeWeights(c.weights, c.points.length >> 1));
  const lam = normalizeWeights(lambdas, lambdas.length);
  return mixtureSupport(points, weights, lam, size, s.seed);
}
