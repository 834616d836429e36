/**
 * Flow matching exported to PyTorch. On every gallery scenario, five training steps per round print
 * every field of `ot solve` (same shapes: samples, the W2 curve, one entry per Reflow round). The
 * same recipe shortened to 500 steps on both sides (the full 2000 take a minute on a loaded
 * machine) with independent pairs learns the same kind of flow as the app's: straightness and
 * one-Euler-step W2² within 35% of the app's, 128-step W2² within a factor 2 (fresh samples of
 * 500, whose sampling floor alone is ~0.01–0.02; two seeds of the script differ by ~20%); with
 * minibatch-OT pairs the flow is at least ten times straighter, the gallery's point.
 */
import { expect, it } from 'vitest';
import {
  capSteps,
  describePython,
  exportFolder,
  expectSameShape,
  galleryScenarios,
  notebookJson,
  relDiff,
  scriptJson,
  solveJson,
} from './pythonHarness.ts';

const dir = exportFolder();
const gallery = galleryScenarios('flow');
const SHORT = { trainSteps: 500 };
const scenarioOf = (id: string) => gallery.find((g) => g.id === id)!.scenario;

describePython('flow matching exported to PyTorch', () => {
  for (const { id, scenario } of gallery) {
    it(`${id}: --steps 5 prints every field of ot solve`, async () => {
      const [ours, theirs] = await Promise.all([
        solveJson(dir(), scenario, { trainSteps: 5 }),
        scriptJson(dir(), scenario, {}, ['--steps', '5']),
      ]);
      expect(theirs.method).toBe('flow');
      expectSameShape(theirs, ours);
      expect(theirs.w2.map((w: { steps: number }) => w.steps)).toEqual(
        ours.w2.map((w: { steps: number }) => w.steps),
      );
    });
  }

  it('500 steps: independent pairs match the app’s flow, OT pairs straighten it tenfold', async () => {
    const independent = scenarioOf('flow-independent');
    const [ours, theirs, ot] = await Promise.all([
      solveJson(dir(), independent, SHORT),
      scriptJson(dir(), independent, SHORT),
      scriptJson(dir(), scenarioOf('flow-ot'), SHORT),
    ]);
    expect(relDiff(theirs.straightness, ours.straightness)).toBeLessThan(0.35);
    expect(relDiff(theirs.w2[0].w2, ours.w2[0].w2)).toBeLessThan(0.35);
    const last = theirs.w2.length - 1;
    expect(theirs.w2[last].w2 / ours.w2[last].w2).toBeGreaterThan(0.5);
    expect(theirs.w2[last].w2 / ours.w2[last].w2).toBeLessThan(2);
    expect(ot.straightness).toBeLessThan(theirs.straightness / 10);
  });

  it('the notebook is valid nbformat 4 and its cells train (steps capped at 5)', async () => {
    const scenario = scenarioOf('flow-ot');
    const [ours, theirs] = await Promise.all([
      solveJson(dir(), scenario, { trainSteps: 5 }),
      notebookJson(dir(), scenario, {}, capSteps(5)),
    ]);
    expectSameShape(theirs, ours);
  });
});
