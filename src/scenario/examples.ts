/**
 * The example scenario a first visit opens: something that already moves (a plan drawing itself
 * from a Gaussian blob onto eight Gaussians) and solves instantly.
 */
import { findDataset } from './datasets.ts';
import { defaultParams } from './params.ts';
import type { Cloud, Scenario } from './types.ts';

function generated(id: string, count: number, noise: number, seed: number, scale = 1): Cloud {
  const d = findDataset(id)!.generate({ count, noise, seed, scale });
  return { points: d.points, weights: null, labels: null };
}

/** The first-visit scenario. */
export function exampleScenario(): Scenario {
  return {
    name: 'Gaussian to eight Gaussians',
    source: generated('gaussian', 200, 0, 1, 1),
    target: generated('mixture8', 200, 0, 2, 1),
    cost: 'sqeuclidean',
    method: 'sinkhorn',
    params: defaultParams('sinkhorn'),
    seed: 1,
  };
}
