/**
 * Unbalanced Sinkhorn exported to Python (POT's ot.unbalanced.sinkhorn_unbalanced; ot.sinkhorn for
 * the balanced rho) agrees with `ot solve` to 1e-6: cost relative, plan entries, mass and the
 * destroyed / created masses absolute. Both run at tolerance 1e-12 so that the stopping rules (the
 * app: log-scaling change in nats; POT: mean relative change of u and v) do not decide the
 * comparison.
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
const TIGHT = { tolerance: 1e-12 };

describePython('unbalanced Sinkhorn exported to Python', () => {
  for (const { id, scenario } of galleryScenarios('unbalanced')) {
    it(`${id}: cost, plan and destroyed / created mass agree with ot solve (1e-6)`, async () => {
      const [ours, theirs] = await solveAndScript(dir(), scenario, TIGHT);
      expect(theirs.method).toBe('unbalanced');
      expect(theirs.converged).toBe(true);
      expect(theirs.balanced).toBe(ours.balanced);
      expect(theirs.epsilon).toBe(ours.epsilon);
      expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(1e-6);
      expect(Math.abs(theirs.mass - ours.mass)).toBeLessThan(1e-6);
      expect(planGap(theirs.plan, ours.plan)).toBeLessThan(1e-6);
      for (const side of ['source', 'target']) {
        expect(Math.abs(theirs.destroyed[side] - ours.destroyed[side])).toBeLessThan(1e-6);
        expect(Math.abs(theirs.created[side] - ours.created[side])).toBeLessThan(1e-6);
      }
    });
  }

  it("runs on POT's torch backend (--backend torch) with the same cost", async () => {
    const { scenario } = galleryScenarios('unbalanced')[0];
    const [ours, theirs] = await solveAndScript(dir(), scenario, TIGHT, [
      '--backend',
      'torch',
      '--device',
      'cpu',
    ]);
    expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(1e-6);
    expect(Math.abs(theirs.mass - ours.mass)).toBeLessThan(1e-6);
  });

  it('the notebook is valid nbformat 4 and its code cells print the same cost', async () => {
    const { scenario } = galleryScenarios('unbalanced')[0];
    const [ours, theirs] = await solveAndNotebook(dir(), scenario, TIGHT);
    expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(1e-6);
  });
});
