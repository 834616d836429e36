/**
 * Partial transport exported to Python agrees with `ot solve`: the exact solver
 * (ot.partial.partial_wasserstein) to 1e-9 relative in cost (the optimum is unique, the plan need
 * not be), the entropic one (ot.partial.entropic_partial_wasserstein) to 1e-6 in cost (relative)
 * and plan entries (absolute). Both stop at the same relative change (1e-9), which leaves them
 * about 1e-8 apart; the moved mass is m to rounding on both sides.
 */
import { expect, it } from 'vitest';
import {
  describePython,
  exportFolder,
  exportTo,
  galleryScenarios,
  planGap,
  relDiff,
  runPython,
  solveAndNotebook,
  solveAndScript,
} from './pythonHarness.ts';

const dir = exportFolder();

describePython('partial transport exported to Python', () => {
  for (const { id, scenario } of galleryScenarios('partial')) {
    for (const mass of [scenario.params.mass as number, 1]) {
      it(`${id}, m = ${mass}: the exact cost equals ot solve's (relative 1e-9)`, async () => {
        const params = { epsilon: 0, mass };
        const [ours, theirs] = await solveAndScript(dir(), scenario, params);
        expect(theirs.method).toBe('partial');
        expect(theirs.algorithm).toBe('exact');
        expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(1e-9);
        expect(Math.abs(theirs.mass - mass)).toBeLessThan(1e-12);
      });
    }

    it(`${id}, epsilon = 0.05: the entropic cost and plan agree with ot solve (1e-6)`, async () => {
      const params = { epsilon: 0.05 };
      const [ours, theirs] = await solveAndScript(dir(), scenario, params);
      expect(theirs.algorithm).toBe('entropic');
      expect(theirs.converged).toBe(true);
      expect(theirs.epsilon).toBe(ours.epsilon);
      expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(1e-6);
      expect(Math.abs(theirs.mass - ours.mass)).toBeLessThan(1e-12);
      expect(planGap(theirs.plan, ours.plan)).toBeLessThan(1e-6);
    });
  }

  it("refuses --backend torch (POT 0.8.2's ot.partial is NumPy-only) with a message", async () => {
    const { scenario } = galleryScenarios('partial')[0];
    const { path } = await exportTo(dir(), scenario, 'python', 'partial-torch.py');
    expect(() => runPython(dir(), path, ['--backend', 'torch'])).toThrow(/NumPy-only/);
  });

  it('the notebook is valid nbformat 4 and its code cells print the same cost', async () => {
    const { scenario } = galleryScenarios('partial')[0];
    const [ours, theirs] = await solveAndNotebook(dir(), scenario);
    expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(1e-9);
  });
});
