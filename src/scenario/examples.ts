/**
 * The example scenario a first visit opens: something that already moves (a plan drawing itself
 * between two recognisable shapes) and solves instantly.
 */
import { randomLcg, randomNormal } from 'd3-random';
import { defaultParams } from './params.ts';
import type { Scenario } from './types.ts';

function gaussian(n: number, cx: number, cy: number, sd: number, seed: number): Float64Array {
  const normal = randomNormal.source(randomLcg(seed))(0, sd);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = cx + normal();
    out[2 * i + 1] = cy + normal();
  }
  return out;
}

/** The first-visit scenario. */
export function exampleScenario(): Scenario {
  return {
    name: 'Gaussian to ring',
    source: { points: gaussian(150, -1.2, 0, 0.35, 1), weights: null, labels: null },
    target: { points: gaussian(150, 1.2, 0, 0.6, 2), weights: null, labels: null },
    cost: 'sqeuclidean',
    method: 'sinkhorn',
    params: defaultParams('sinkhorn'),
    seed: 1,
  };
}
