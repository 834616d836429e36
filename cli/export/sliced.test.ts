/**
 * Sliced Wasserstein exported to Python (POT's ot.sliced_wasserstein_distance on the app's own
 * directions, ot.wasserstein_1d and ot.emd_1d along θ) agrees with `ot solve` to 1e-12: both
 * compute the same exact 1-D costs on identical directions, so only rounding separates them
 * (measured ~1e-16). Max-sliced: the value to 1e-12, its angle to 1e-5 degrees — at a maximum the
 * value pins the angle only to about √(machine ε) (~1e-8 rad), where the last golden-section
 * comparison may go either way.
 */
import { expect, it } from 'vitest';
import type { Json } from '../testing.ts';
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

/** Degrees apart on the half-circle (θ and θ + 180° are the same slice). */
const angleGap = (p: number, q: number) => {
  const d = Math.abs(p - q) % 180;
  return Math.min(d, 180 - d);
};

function expectSame(theirs: Json, ours: Json): void {
  expect(theirs.projections).toBe(ours.projections);
  expect(relDiff(theirs.sw2, ours.sw2)).toBeLessThan(1e-12);
  expect(relDiff(theirs.standardError, ours.standardError)).toBeLessThan(1e-9);
  expect(relDiff(theirs.w2AtAngle, ours.w2AtAngle)).toBeLessThan(1e-12);
  expect(planGap(theirs.plan1d, ours.plan1d)).toBeLessThan(1e-12);
  expect(relDiff(theirs.maxSliced.value, ours.maxSliced.value)).toBeLessThan(1e-12);
  expect(angleGap(theirs.maxSliced.angle, ours.maxSliced.angle)).toBeLessThan(1e-5);
}

describePython('sliced Wasserstein exported to Python', () => {
  for (const { id, scenario } of galleryScenarios('sliced')) {
    it(`${id}: sw2, the 1-D cost and plan along θ and max-sliced agree with ot solve (1e-12)`, async () => {
      const [ours, theirs] = await solveAndScript(dir(), scenario);
      expect(theirs.method).toBe('sliced');
      expectSame(theirs, ours);
    });
  }

  it('another seed, L and θ give other directions, still the same numbers', async () => {
    const { scenario } = galleryScenarios('sliced')[1];
    const s = { ...scenario, seed: 4242 };
    const params = { projections: 7, angle: 123.5 };
    const [ours, theirs] = await solveAndScript(dir(), s, params);
    expectSame(theirs, ours);
  });

  it("runs on POT's torch backend (--backend torch) with the same numbers", async () => {
    const { scenario } = galleryScenarios('sliced')[0];
    const [ours, theirs] = await solveAndScript(dir(), scenario, {}, [
      '--backend',
      'torch',
      '--device',
      'cpu',
    ]);
    expectSame(theirs, ours);
  });

  it('the notebook is valid nbformat 4 and its code cells print the same sw2', async () => {
    const { scenario } = galleryScenarios('sliced')[0];
    const [ours, theirs] = await solveAndNotebook(dir(), scenario);
    expect(relDiff(theirs.sw2, ours.sw2)).toBeLessThan(1e-12);
  });
});
