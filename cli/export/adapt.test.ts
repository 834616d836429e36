/**
 * Domain adaptation and decorrelation exported to Python (plans by POT, maps and 1-NN in NumPy)
 * agree with `ot solve`: exact transports to 1e-9, entropic ones to 1e-6 (both stop at a 1e-9
 * marginal error, measured in different norms), class predictions and accuracies exactly.
 */
import { expect, it } from 'vitest';
import {
  describePython,
  exportFolder,
  galleryScenarios,
  maxAbsDiff,
  relDiff,
  solveAndNotebook,
  solveAndScript,
} from './pythonHarness.ts';

const dir = exportFolder();

describePython('domain adaptation exported to Python', () => {
  for (const { id, scenario } of galleryScenarios('adapt')) {
    for (const transport of ['entropic', 'exact'] as const) {
      const tol = transport === 'exact' ? 1e-9 : 1e-6;
      it(`${id}, ${transport}: plan cost, mapped source, purity and predictions agree (${tol})`, async () => {
        const params = { transport };
        const [ours, theirs] = await solveAndScript(dir(), scenario, params);
        expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(tol);
        expect(maxAbsDiff(theirs.mappedSource, ours.mappedSource)).toBeLessThan(tol);
        expect(Math.abs(theirs.purity - ours.purity)).toBeLessThan(tol);
        expect(theirs.targetPredictions).toEqual(ours.targetPredictions);
        expect(theirs.accuracyBefore).toBe(ours.accuracyBefore);
        expect(theirs.accuracyAfter).toBe(ours.accuracyAfter);
      });
    }
  }

  it('the notebook is valid nbformat 4 and its code cells print the same cost', async () => {
    const { scenario } = galleryScenarios('adapt')[0];
    const [ours, theirs] = await solveAndNotebook(dir(), scenario);
    expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(1e-6);
  });
});

describePython('decorrelation exported to Python', () => {
  for (const { id, scenario } of galleryScenarios('decorrelate')) {
    for (const transport of ['exact', 'entropic'] as const) {
      const tol = transport === 'exact' ? 1e-9 : 1e-6;
      it(`${id}, ${transport}: W2² before and after and the mapped points agree (${tol})`, async () => {
        const params = { transport };
        const [ours, theirs] = await solveAndScript(dir(), scenario, params);
        expect(theirs.classes).toEqual(ours.classes);
        // "before" is exact OT in both transports: 1e-9 always.
        expect(maxAbsDiff(theirs.perClassBefore, ours.perClassBefore)).toBeLessThan(1e-9);
        expect(relDiff(theirs.after, ours.after)).toBeLessThan(tol);
        expect(maxAbsDiff(theirs.mappedSource, ours.mappedSource)).toBeLessThan(tol);
      });
    }
  }

  it("runs on POT's torch backend (--backend torch) with the same result", async () => {
    const { scenario } = galleryScenarios('decorrelate')[0];
    const params = { transport: 'entropic' };
    const [ours, theirs] = await solveAndScript(dir(), scenario, params, ['--backend', 'torch']);
    expect(relDiff(theirs.after, ours.after)).toBeLessThan(1e-6);
  });
});
