import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { integrateFlow } from './flowIntegrate.ts';
import type { VelocityField } from './flowModel.ts';
import { reflowPairsSteps } from './flowReflow.ts';
import { GaussianDistribution, NormalStream } from './flowSampling.ts';

/** v = (−y, x) + (1, 0): curved paths, so the ODE endpoint depends on the scheme and steps. */
const swirl: VelocityField = {
  velocity(x, n, _t, out) {
    for (let i = 0; i < n; i++) {
      out[2 * i] = 1 - x[2 * i + 1];
      out[2 * i + 1] = x[2 * i];
    }
  },
};

describe('reflowPairsSteps', () => {
  it('pairs seeded source draws with their ODE endpoints', () => {
    const gen = reflowPairsSteps(swirl, new GaussianDistribution(), {
      seed: 3,
      count: 16,
      steps: 5,
      method: 'heun',
    });
    let yields = 0;
    let r = gen.next();
    while (!r.done) {
      yields++;
      r = gen.next();
    }
    expect(yields).toBe(5);
    const pairs = r.value;
    expect(pairs.count).toBe(16);
    const x0 = new Float64Array(32);
    new GaussianDistribution().sample(x0, 16, new NormalStream(randomLcg(3)));
    expect(pairs.x0).toEqual(x0);
    expect(pairs.x1).toEqual(integrateFlow(swirl, x0, { steps: 5, method: 'heun' }).final);
  });
});
