/**
 * Model fusion exported to PyTorch. On the gallery, five training steps print every field of
 * `ot solve` (25 λ per curve, one permutation per hidden layer). The alignments are checked where
 * the answer is known: when B is A with its hidden units shuffled (modelB = permuted), weight
 * matching, activation matching and OTFusion must each undo the shuffle exactly, so the aligned
 * merge is A at every λ: a flat loss (1e-9) and no barrier. The full recipe (1000 steps) trains both
 * models to >= 95% accuracy, as the app does, and, as in the app, the aligned merge's barrier is
 * below half the naive one. With `--clients K` the script also merges K clients, as `ot solve
 * --param clients=K` does: the same fields, and OTFusion's aligned average well above FedAvg.
 */
import { expect, it } from 'vitest';
import {
  capSteps,
  describePython,
  expectSameShape,
  exportFolder,
  galleryScenarios,
  notebookJson,
  relDiff,
  scriptJson,
  solveAndScript,
  solveJson,
} from './pythonHarness.ts';

const dir = exportFolder();
const gallery = galleryScenarios('fusion');

describePython('model fusion exported to PyTorch', () => {
  for (const { id, scenario } of gallery) {
    it(`${id}: --steps 5 prints every field of ot solve`, async () => {
      const [ours, theirs] = await Promise.all([
        solveJson(dir(), scenario, { trainSteps: 5 }),
        scriptJson(dir(), scenario, {}, ['--steps', '5']),
      ]);
      expect(theirs.method).toBe('fusion');
      expectSameShape(theirs, ours);
      expect(theirs.lambdas).toEqual(ours.lambdas);
    });
  }

  it('--clients 3 adds the many-models merge with the fields of ot solve --param clients=3', async () => {
    const { scenario } = gallery[0];
    const [ours, theirs] = await Promise.all([
      solveJson(dir(), scenario, { trainSteps: 5, clients: 3 }),
      scriptJson(dir(), scenario, {}, ['--steps', '5', '--clients', '3']),
    ]);
    expect(theirs.federated.clients).toBe(3);
    expectSameShape(theirs, ours);
  });

  it('many models, 300 steps, OTFusion: the aligned average beats FedAvg by over 10 points', async () => {
    const { scenario } = gallery[0];
    const theirs = await scriptJson(dir(), scenario, { alignment: 'soft', trainSteps: 300 }, [
      '--clients',
      '3',
    ]);
    const f = theirs.federated;
    for (const a of f.clientAccuracies as number[]) expect(a).toBeGreaterThan(0.5);
    expect(f.accuracyAligned).toBeGreaterThan(f.accuracyFedAvg + 0.1);
  });

  for (const alignment of ['weights', 'activations', 'soft']) {
    it(`${alignment}: aligning a shuffled copy of A undoes the shuffle exactly`, async () => {
      const { scenario } = gallery[0];
      const theirs = await scriptJson(dir(), scenario, { modelB: 'permuted', alignment, trainSteps: 50 });
      const flat = theirs.lossAligned[0] as number;
      for (const loss of theirs.lossAligned as number[]) expect(relDiff(loss, flat)).toBeLessThan(1e-9);
      expect(theirs.barrierAligned).toBeLessThan(1e-9);
      expect(new Set(theirs.accuracyAligned).size).toBe(1);
      // The shuffle was not the identity: the naive merge does change along λ.
      expect(theirs.barrierNaive).toBeGreaterThan(1e-3);
    });
  }

  it('fusion-spirals, full recipe: accurate models, aligned barrier below half the naive one', async () => {
    const { scenario } = gallery[0];
    const [ours, theirs] = await solveAndScript(dir(), scenario);
    for (const r of [ours, theirs]) {
      expect(r.accuracyA).toBeGreaterThanOrEqual(0.95);
      expect(r.accuracyB).toBeGreaterThanOrEqual(0.95);
      expect(r.barrierAligned).toBeLessThan(r.barrierNaive / 2);
    }
  });

  it('the notebook is valid nbformat 4 and its cells train (steps capped at 5)', async () => {
    const { scenario } = gallery[0];
    const [ours, theirs] = await Promise.all([
      solveJson(dir(), scenario, { trainSteps: 5 }),
      notebookJson(dir(), scenario, {}, capSteps(5)),
    ]);
    expectSameShape(theirs, ours);
  });
});
