import { describe, expect, it } from 'vitest';
import { federatedExperiment } from '../kernels/fusion/federated.ts';
import { spirals } from '../kernels/nets/testData.ts';
import { requestStop } from '../runner.ts';
import { federatedMethods } from './federated.ts';
import type { FederatedRequest } from './fusionTypes.ts';

const cloud = spirals(40, 2);
const options = { clients: 3, width: 16, depth: 1, trainSteps: 60, seed: 4, alignment: 'soft' as const };

function request(jobId: number, trainSteps = options.trainSteps): FederatedRequest {
  return { jobId, points: cloud.points, labels: cloud.labels, options: { ...options, trainSteps } };
}

describe('worker method mergeClients', () => {
  it("returns the kernel's figures for every client and both merges, with progress", async () => {
    const fractions: number[] = [];
    const r = await federatedMethods.mergeClients(request(11), (p) => {
      fractions.push(p.fraction);
      expect(p.data!.clients).toBe(3);
    });
    const k = federatedExperiment(cloud.points, cloud.labels, options);
    expect(Array.from(r.clientAccuracies)).toEqual(k.clientAccuracies);
    expect(Array.from(r.chunkSizes)).toEqual(k.chunks.map((c) => c.length));
    // By class: every point is in its class's chunk, and some others' (10% mixing), none in all.
    expect(Array.from(r.chunkSizes).reduce((a, b) => a + b, 0)).toBeGreaterThan(cloud.labels.length);
    for (const size of r.chunkSizes) expect(size).toBeLessThan(cloud.labels.length);
    expect(r.accuracyFedAvg).toBe(k.accuracyFedAvg);
    expect(r.accuracyAligned).toBe(k.accuracyAligned);
    expect(r.lossAligned).toBe(k.lossAligned);
    expect(r.stopped).toBe(false);
    expect(r.trainSteps).toBe(60);
    // Progress is throttled: at least one report, fractions rising within [0, 1].
    expect(fractions.length).toBeGreaterThan(0);
    for (let k = 1; k < fractions.length; k++) expect(fractions[k]).toBeGreaterThanOrEqual(fractions[k - 1]);
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
  });

  it('a stop gives every client the same number of steps, as a run of that length', async () => {
    let asked = false;
    const r = await federatedMethods.mergeClients(request(12, 5000), (p) => {
      if (!asked && p.data && p.data.client === 1 && p.data.step >= 20) {
        asked = true;
        requestStop(12);
      }
    });
    expect(r.stopped).toBe(true);
    expect(r.trainSteps).toBeGreaterThanOrEqual(20);
    expect(r.trainSteps).toBeLessThan(5000);
    const k = federatedExperiment(cloud.points, cloud.labels, { ...options, trainSteps: r.trainSteps });
    expect(Array.from(r.clientAccuracies)).toEqual(k.clientAccuracies);
    expect(r.accuracyAligned).toBe(k.accuracyAligned);
  });

  it('a single-class cloud is refused with a RangeError', async () => {
    const req = request(13);
    req.labels = new Int32Array(cloud.labels.length);
    await expect(federatedMethods.mergeClients(req)).rejects.toThrow(RangeError);
  });
});
