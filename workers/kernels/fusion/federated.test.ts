import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { fitInputFrame, initClassifier, reframeClassifier } from '../nets/classifier.ts';
import { trainClassifier } from '../nets/classifierTrain.ts';
import { scoreClassifier } from '../nets/classifierEval.ts';
import { spirals } from '../nets/testData.ts';
import { federatedExperiment, federatedExperimentSteps, mergeModels } from './federated.ts';
import { permuteHidden, randomPermutations } from './permute.ts';

const cloud = spirals(60, 8);

describe('mergeModels', () => {
  const base = trainClassifier(cloud.points, cloud.labels, {
    seed: 1,
    width: 16,
    depth: 2,
    steps: 300,
  }).model;
  // Four shuffled copies of one network, one of them stored in another frame.
  const copies = [0, 1, 2, 3].map((k) => permuteHidden(base, randomPermutations(16, 2, randomLcg(10 + k))));
  copies[2] = reframeClassifier(copies[2], { meanX: 3, meanY: 1, scaleX: 7, scaleY: 0.5 });

  it.each(['weights', 'activations', 'soft'] as const)(
    'merges shuffled copies of one network back into it (%s); FedAvg does not',
    (alignment) => {
      const r = mergeModels(copies, cloud.points, cloud.labels, { alignment, rounds: 2 });
      const own = scoreClassifier(base, cloud.points, cloud.labels);
      expect(r.accuracyAligned).toBe(own.accuracy);
      expect(r.lossAligned).toBeCloseTo(own.loss, 12);
      expect(r.accuracyFedAvg).toBeLessThan(own.accuracy - 0.1);
      // The aligned average is the first copy (the first round's reference), up to rounding; with
      // activation matching, units silent on every point tie, and only the function on the data is kept.
      const diff = r.aligned.params.reduce((s, v, k) => Math.max(s, Math.abs(v - copies[0].params[k])), 0);
      if (alignment !== 'activations') expect(diff).toBeLessThan(1e-12);
      expect(r.permutations.length).toBe(4);
    },
  );

  it('rejects one model, mixed specs and bad rounds', () => {
    const other = initClassifier(
      { width: 8, depth: 2, classes: 3 },
      fitInputFrame(cloud.points),
      randomLcg(2),
    );
    expect(() => mergeModels([base], cloud.points, cloud.labels)).toThrow(/at least 2 models/);
    expect(() => mergeModels([base, other], cloud.points, cloud.labels)).toThrow(/same spec/);
    expect(() => mergeModels([base, base], cloud.points, cloud.labels, { rounds: 0 })).toThrow(/rounds/);
  });
});

describe('federatedExperiment', () => {
  it('trains K clients on random chunks; the aligned average beats FedAvg on the whole cloud', () => {
    const options = { clients: 3, split: 'random', trainSteps: 300, seed: 2 } as const;
    const gen = federatedExperimentSteps(cloud.points, cloud.labels, options);
    let clientsSeen = new Set<number>();
    let r = gen.next();
    while (!r.done) {
      clientsSeen = clientsSeen.add(r.value.client);
      r = gen.next();
    }
    const res = r.value;
    expect([...clientsSeen]).toEqual([0, 1, 2]);
    expect(res.chunks.map((c) => c.length)).toEqual([60, 60, 60]);
    res.clientAccuracies.forEach((acc) => expect(acc).toBeGreaterThan(0.85));
    expect(res.accuracyAligned).toBeGreaterThan(res.accuracyFedAvg + 0.1);
    // The sync wrapper gives the same run.
    const sync = federatedExperiment(cloud.points, cloud.labels, options);
    expect(Array.from(sync.aligned.params)).toEqual(Array.from(res.aligned.params));
  });
});
