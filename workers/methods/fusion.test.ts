import { describe, expect, it } from 'vitest';
import { fusionExperiment } from '../kernels/fusion/experiment.ts';
import { interpolateModels } from '../kernels/fusion/barrier.ts';
import { predictLabels } from '../kernels/nets/classifierEval.ts';
import { spirals } from '../kernels/nets/testData.ts';
import { requestStop } from '../runner.ts';
import { regionPoints } from './adapt.ts';
import { fusionMethods } from './fusion.ts';
import type { FusionRequest } from './fusionTypes.ts';

const cloud = spirals(40, 2);
const options = { width: 16, depth: 1, trainSteps: 60, seed: 4 };
const regions = { size: 8, bounds: [-1.2, 1.2, -1.2, 1.2] as [number, number, number, number] };

function request(jobId: number, trainSteps = options.trainSteps): FusionRequest {
  return { jobId, points: cloud.points, labels: cloud.labels, options: { ...options, trainSteps }, regions };
}

describe('worker method trainFusion', () => {
  it("returns the kernel experiment's numbers, both loss curves and the merges' regions at every λ", async () => {
    const fractions: number[] = [];
    const r = await fusionMethods.trainFusion(request(1), (p) => fractions.push(p.fraction));
    const k = fusionExperiment(cloud.points, cloud.labels, options);
    expect(r.barrierNaive).toBe(k.barrierNaive);
    expect(r.barrierAligned).toBe(k.barrierAligned);
    expect(Array.from(r.accuracyAligned)).toEqual(Array.from(k.accuracyAligned));
    expect(r.stopped).toBe(false);
    expect(r.trainSteps).toBe(60);
    // [step, loss] pairs every 10 steps for each model.
    expect(r.historyA.length).toBe(12);
    expect(r.historyB.length).toBe(12);
    expect(r.historyA[10]).toBe(60);
    expect(r.regions.naive).toHaveLength(25);
    expect(r.regions.aligned).toHaveLength(25);
    // The aligned regions at λ = 0.5 are the aligned midpoint's predictions on the grid cells.
    const mid = predictLabels(interpolateModels(k.modelA, k.alignedB, 0.5), regionPoints(regions));
    expect(Array.from(r.regions.aligned[12])).toEqual(Array.from(mid));
    // At λ = 0 both merges are A.
    expect(Array.from(r.regions.naive[0])).toEqual(Array.from(r.regions.aligned[0]));
    expect(fractions.length).toBeGreaterThan(0);
    // First-layer units: A's are its first 2×16 parameters (layout W_0 first, 16×2 row-major).
    expect(Array.from(r.unitsA)).toEqual(Array.from(k.modelA.params.slice(0, 32)));
    expect(r.unitsB.length).toBe(32);
  });

  it("a permuted copy's units are A's, and the matching pairs each with its original", async () => {
    const req = request(4);
    req.options = { ...req.options, modelB: 'permuted', alignment: 'weights' };
    const r = await fusionMethods.trainFusion(req);
    const p = r.permutations[0];
    for (let i = 0; i < 16; i++) {
      expect(r.unitsB[2 * p[i]]).toBe(r.unitsA[2 * i]);
      expect(r.unitsB[2 * p[i] + 1]).toBe(r.unitsA[2 * i + 1]);
    }
    // The shuffle is not the identity, so the pairing is not trivial.
    expect(Array.from(p).some((j, i) => j !== i)).toBe(true);
  });

  it('a stop keeps the same number of steps for both models, as a run of that length', async () => {
    let stopped = false;
    const r = await fusionMethods.trainFusion(request(2, 5000), (p) => {
      if (!stopped && p.data && p.data.phase === 'train-a' && p.data.step >= 30) {
        stopped = true;
        requestStop(2);
      }
    });
    expect(r.stopped).toBe(true);
    expect(r.trainSteps).toBeLessThan(5000);
    const k = fusionExperiment(cloud.points, cloud.labels, { ...options, trainSteps: r.trainSteps });
    expect(r.barrierAligned).toBe(k.barrierAligned);
    expect(r.accuracyA).toBe(k.accuracyA);
    expect(r.historyA[r.historyA.length - 2]).toBeLessThanOrEqual(r.trainSteps);
  });

  it('an unlabelled cloud is refused with a RangeError naming the problem', async () => {
    await expect(fusionMethods.trainFusion({ ...request(3), labels: null })).rejects.toThrow(/no labels/);
  });
});
