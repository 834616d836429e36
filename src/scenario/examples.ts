/**
 * The example scenario a first visit opens: something that already moves (a plan drawing itself
 * from a Gaussian blob onto eight Gaussians) and solves instantly.
 */
import { gen } from './galleryKit.ts';
import { defaultParams } from './params.ts';
import type { Scenario } from './types.ts';

/** The first-visit scenario. */
export function exampleScenario(): Scenario {
  return {
    name: 'Gaussian to eight Gaussians',
    clouds: [
      gen('gaussian', { count: 200, seed: 1, scale: 1 }, 'Source'),
      gen('mixture8', { count: 200, seed: 2, scale: 1 }, 'Target'),
    ],
    cost: 'sqeuclidean',
    method: 'sinkhorn',
    params: defaultParams('sinkhorn'),
    seed: 1,
  };
}
