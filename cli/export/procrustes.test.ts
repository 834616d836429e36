/**
 * Procrustes exported to Python (NumPy's SVD; Wasserstein-Procrustes with POT's ot.emd) agrees with
 * `ot solve` to 1e-9: the fit is closed-form, the plans exact.
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

const MODES: Record<string, string>[] = [
  { correspondence: 'index', scaling: 'false', reflection: 'false' },
  { correspondence: 'index', scaling: 'true', reflection: 'true' },
  { correspondence: 'pairs', scaling: 'true', reflection: 'false', pairs: '0-3,1-1,2-2,5-4' },
  { correspondence: 'none', scaling: 'false', reflection: 'false' },
  { correspondence: 'none', scaling: 'true', reflection: 'true' },
];

describePython('Procrustes exported to Python', () => {
  for (const { id, scenario } of galleryScenarios('procrustes')) {
    for (const params of MODES) {
      it(`${id}, ${Object.values(params).join(' ')}: the motion, rmsd and aligned points agree (1e-9)`, async () => {
        const [ours, theirs] = await solveAndScript(dir(), scenario, params);
        expect(theirs.reflected).toBe(ours.reflected);
        expect(maxAbsDiff(theirs.rotation, ours.rotation)).toBeLessThan(1e-9);
        expect(Math.abs(theirs.scale - ours.scale)).toBeLessThan(1e-9);
        expect(maxAbsDiff(theirs.translation, ours.translation)).toBeLessThan(1e-9);
        expect(Math.abs(theirs.rmsd - ours.rmsd)).toBeLessThan(1e-9);
        expect(maxAbsDiff(theirs.alignedSource, ours.alignedSource)).toBeLessThan(1e-9);
        if (params.correspondence === 'none')
          expect(relDiff(theirs.objective, ours.objective)).toBeLessThan(1e-9);
      });
    }
  }

  it('the notebook is valid nbformat 4 and its code cells print the same motion', async () => {
    const { scenario } = galleryScenarios('procrustes')[0];
    const [ours, theirs] = await solveAndNotebook(dir(), scenario);
    expect(maxAbsDiff(theirs.rotation, ours.rotation)).toBeLessThan(1e-9);
  });
});
