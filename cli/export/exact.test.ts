/** Exact OT exported to Python (POT's ot.emd) reproduces `ot solve`'s optimal cost to 1e-9. */
import { expect, it } from 'vitest';
import {
  describePython,
  exportFolder,
  galleryScenarios,
  relDiff,
  solveAndNotebook,
  solveAndScript,
} from './pythonHarness.ts';

const dir = exportFolder();

describePython('exact OT exported to Python', () => {
  for (const { id, scenario } of galleryScenarios('exact')) {
    it(`${id}: the script's ot.emd cost equals ot solve's (relative 1e-9)`, async () => {
      const [ours, theirs] = await solveAndScript(dir(), scenario);
      expect(theirs.method).toBe('exact');
      expect(theirs.status).toBe('optimal');
      expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(1e-9);
      const mass = (theirs.plan.mass as number[]).reduce((t, m) => t + m, 0);
      expect(mass).toBeCloseTo(1, 12);
    });
  }

  it("runs on POT's torch backend (--backend torch) with the same cost", async () => {
    const { scenario } = galleryScenarios('exact')[0];
    const [ours, theirs] = await solveAndScript(dir(), scenario, {}, [
      '--backend',
      'torch',
      '--device',
      'cpu',
    ]);
    expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(1e-9);
  });

  it('the notebook is valid nbformat 4 and its code cells print the same cost', async () => {
    const { scenario } = galleryScenarios('exact')[0];
    const [ours, theirs] = await solveAndNotebook(dir(), scenario);
    expect(relDiff(theirs.cost, ours.cost)).toBeLessThan(1e-9);
  });
});
