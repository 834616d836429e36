import { describe, expect, it } from 'vitest';
import { accuracy } from './classifier.ts';
import { mlpClassifier } from './mlpClassifier.ts';
import { rotatedMoons } from './testKit.ts';

describe('mlpClassifier', () => {
  const { source, target } = rotatedMoons();

  it('fits the moons (training accuracy >= 0.95) and is deterministic for a seed', () => {
    const c = mlpClassifier({ seed: 3 });
    const p1 = c.fit(source.points, source.labels).predict(source.points);
    const p2 = c.fit(source.points, source.labels).predict(target.points);
    expect(accuracy(p1, source.labels)).toBeGreaterThanOrEqual(0.95);
    expect(Array.from(c.fit(source.points, source.labels).predict(target.points))).toEqual(Array.from(p2));
  });

  it('predicts only labels it was trained on (0–9 range, sparse labels)', () => {
    const labels = Int32Array.from(source.labels, (l) => (l === 0 ? 2 : 9));
    const p = mlpClassifier({ seed: 1, steps: 100 }).fit(source.points, labels).predict(target.points);
    for (const l of p) expect([2, 9]).toContain(l);
  });
});
