/**
 * The W1 critic exported to PyTorch. On every gallery scenario, five training steps print every
 * field of `ot solve` (same shapes, the history at the same steps), and exact W1 (POT's ot.emd,
 * Euclidean) equals the app's to 1e-9. The full recipe (500 steps) on the far-apart clouds gives an
 * estimate within 5% of the app's own estimate and of the exact W1, with a mean gradient norm within
 * 0.1 of 1 (a 1-Lipschitz critic along the transport rays): the same kind of critic, not the same bits.
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
const FIVE = { trainSteps: 5 };

describePython('the W1 critic exported to PyTorch', () => {
  for (const { id, scenario } of galleryScenarios('critic')) {
    it(`${id}: --steps 5 prints every field of ot solve, and exact W1 agrees to 1e-9`, async () => {
      const [ours, theirs] = await Promise.all([
        solveJson(dir(), scenario, FIVE),
        scriptJson(dir(), scenario, {}, ['--steps', '5']),
      ]);
      expect(theirs.method).toBe('critic');
      expectSameShape(theirs, ours);
      expect(theirs.steps).toBe(5);
      expect(theirs.history.map((h: number[]) => h[0])).toEqual(ours.history.map((h: number[]) => h[0]));
      expect(relDiff(theirs.w1Exact, ours.w1Exact)).toBeLessThan(1e-9);
    });
  }

  it('critic-far-apart, full recipe: the estimate is within 5% of the app’s and of exact W1', async () => {
    const { scenario } = galleryScenarios('critic')[0];
    const [ours, theirs] = await solveAndScript(dir(), scenario);
    expect(theirs.steps).toBe(ours.steps);
    expect(relDiff(theirs.w1Estimate, ours.w1Estimate)).toBeLessThan(0.05);
    expect(relDiff(theirs.w1Estimate, theirs.w1Exact)).toBeLessThan(0.05);
    expect(Math.abs(theirs.gradientNorm.mean - 1)).toBeLessThan(0.1);
  });

  it('the notebook is valid nbformat 4 and its cells train (steps capped at 5)', async () => {
    const { scenario } = galleryScenarios('critic')[0];
    const [ours, theirs] = await Promise.all([
      solveJson(dir(), scenario, FIVE),
      notebookJson(dir(), scenario, {}, capSteps(5)),
    ]);
    expectSameShape(theirs, ours);
    expect(relDiff(theirs.w1Exact, ours.w1Exact)).toBeLessThan(1e-9);
  });
});
