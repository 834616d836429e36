/**
 * Sinkhorn exported to Python (POT's ot.sinkhorn, method="sinkhorn_log") agrees with `ot solve` to
 * 1e-6 (relative cost, absolute plan entries). Both run at tolerance 1e-9 so that the stopping
 * rules, which measure the marginal error differently, do not decide the comparison.
 */
import { expect, it } from 'vitest';
import {
  describePython,
  exportFolder,
  galleryScenarios,
  planGap,
  relDiff,
  solveAndNotebook,
  solveAndScript,
} from './pythonHarness.ts';

const dir = exportFolder();
const TIGHT = { tolerance: 1e-9 };

describePython('Sinkhorn exported to Python', () => {
  for (const { id, scenario } of galleryScenarios('sinkhorn')) {
    it(`${id}: cost, plan and epsilon agree with ot solve (1e-6)`, async () => {
      const [ours, theirs] = await solveAndScript(dir(), scenario, TIGHT);
      expect(theirs.method).toBe('sinkhorn');
      expect(theirs.epsilon).toBe(ours.epsilon);
      expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(1e-6);
      expect(theirs.marginalError).toBeLessThan(1e-9);
      expect(planGap(theirs.plan, ours.plan)).toBeLessThan(1e-6);
      expect(relDiff(theirs.entropy, ours.entropy)).toBeLessThan(1e-6);
    });
  }

  it('the notebook is valid nbformat 4 and its code cells print the same cost', async () => {
    const { scenario } = galleryScenarios('sinkhorn')[0];
    const [ours, theirs] = await solveAndNotebook(dir(), scenario, TIGHT);
    expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(1e-6);
  });
});
