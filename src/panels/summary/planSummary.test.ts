import { describe, expect, it } from 'vitest';
import { planSentence, summarizePlan } from './planSummary.ts';

// Hand-computed case: x = (0,0), (1,0), (2,0); y = (0,1), (3,0); a = (0.3, 0.4, 0.3), b = (0.5, 0.5).
// P00 = 0.3, P10 = 0.2, P11 = 0.2, P21 = 0.3 (a feasible plan; marginals match).
// |x−y|²: C00 = 1, C10 = 2, C11 = 4, C21 = 1. Distances 1, √2, 2, 1.
const x = Float64Array.from([0, 0, 1, 0, 2, 0]);
const y = Float64Array.from([0, 1, 3, 0]);
const plan = (entries: [number, number, number][]) => ({
  i: Int32Array.from(entries.map((e) => e[0])),
  j: Int32Array.from(entries.map((e) => e[1])),
  mass: Float64Array.from(entries.map((e) => e[2])),
});
const P = plan([
  [1, 0, 0.2],
  [2, 1, 0.3],
  [0, 0, 0.3],
  [1, 1, 0.2],
]);

describe('summarizePlan', () => {
  it('lists the largest flows first, ties by the costlier move, then by index', () => {
    const s = summarizePlan(P, x, y, 'sqeuclidean', { top: 10 });
    expect(s.rows.map((r) => [r.i, r.j])).toEqual([
      [0, 0],
      [2, 1],
      [1, 1],
      [1, 0],
    ]);
    expect(s.rows.map((r) => r.cost)).toEqual([1, 1, 4, 2]);
    expect(s.rows[0].x).toEqual([0, 0]);
    expect(s.rows[0].y).toEqual([0, 1]);
    expect(s.rows[2].x).toEqual([1, 0]);
    expect(s.rows[2].y).toEqual([3, 0]);
    expect(s.sources).toBe(3);
    expect(s.targets).toBe(2);
    expect(s.entries).toBe(4);
    expect(s.topShare).toBeCloseTo(1, 12);
  });

  it('keeps only the top k and sums their share', () => {
    const s = summarizePlan(P, x, y, 'sqeuclidean', { top: 2 });
    expect(s.rows.map((r) => [r.i, r.j])).toEqual([
      [0, 0],
      [2, 1],
    ]);
    expect(s.topShare).toBeCloseTo(0.6, 12);
    expect(s.rows[1].share).toBeCloseTo(0.3, 12);
  });

  it('computes the mass-weighted mean distance', () => {
    const s = summarizePlan(P, x, y, 'sqeuclidean');
    // 0.3·1 + 0.2·√2 + 0.2·2 + 0.3·1 = 1 + 0.2√2, over total mass 1.
    expect(s.meanDisplacement).toBeCloseTo(1 + 0.2 * Math.SQRT2, 12);
  });

  it('reports |x − y| in the cost column for the Euclidean cost', () => {
    const s = summarizePlan(P, x, y, 'euclidean');
    expect(s.rows.find((r) => r.i === 1 && r.j === 1)!.cost).toBeCloseTo(2, 12);
    expect(s.rows.find((r) => r.i === 1 && r.j === 0)!.cost).toBeCloseTo(Math.SQRT2, 12);
  });

  it('treats masses equal up to rounding as ties (then the costlier move first)', () => {
    // 0.1 + 0.2 is 0.30000000000000004: larger than 0.3 by rounding only.
    const q = plan([
      [0, 0, 0.1 + 0.2],
      [1, 1, 0.3],
    ]);
    const s = summarizePlan(q, x, y, 'sqeuclidean');
    expect(s.rows.map((r) => r.cost)).toEqual([4, 1]);
  });

  it('skips entries outside the current clouds and non-positive masses', () => {
    const q = plan([
      [0, 0, 0.5],
      [5, 0, 0.9], // stale: only 3 source points now
      [1, 7, 0.9], // stale: only 2 target points now
      [2, 1, 0],
    ]);
    const s = summarizePlan(q, x, y, 'sqeuclidean');
    expect(s.entries).toBe(1);
    expect(s.sources).toBe(1);
    expect(s.targets).toBe(1);
    expect(s.rows.map((r) => [r.i, r.j])).toEqual([[0, 0]]);
    expect(s.meanDisplacement).toBeCloseTo(1, 12);
  });

  it('shares are relative to the given total mass', () => {
    const s = summarizePlan(P, x, y, 'sqeuclidean', { top: 1, totalMass: 2 });
    expect(s.rows[0].share).toBeCloseTo(0.15, 12);
    expect(s.topShare).toBeCloseTo(0.15, 12);
  });

  it('an empty plan has no rows and an undefined mean', () => {
    const s = summarizePlan(plan([]), x, y, 'sqeuclidean');
    expect(s.rows).toEqual([]);
    expect(s.entries).toBe(0);
    expect(Number.isNaN(s.meanDisplacement)).toBe(true);
  });
});

describe('planSentence', () => {
  it('says how many points send and receive mass, the top share and the mean displacement', () => {
    const s = summarizePlan(P, x, y, 'sqeuclidean', { top: 2 });
    expect(planSentence(s)).toBe(
      '3 source points send mass to 2 target points; the 2 largest flows carry 60% of the mass; mean displacement 1.28.',
    );
  });

  it('mentions the drawn entries for an entropic plan', () => {
    const s = summarizePlan(P, x, y, 'sqeuclidean', { top: 2 });
    expect(planSentence(s, true)).toBe(
      '3 source points send mass to 2 target points along 4 drawn entries; the 2 largest flows carry 60% of the mass; mean displacement 1.28.',
    );
  });

  it('handles a plan whose flows are all listed, and a single flow', () => {
    expect(planSentence(summarizePlan(P, x, y, 'sqeuclidean'))).toBe(
      '3 source points send mass to 2 target points; all 4 flows are listed; mean displacement 1.28.',
    );
    const one = summarizePlan(plan([[0, 0, 1]]), x, y, 'sqeuclidean');
    expect(planSentence(one)).toBe(
      '1 source point sends mass to 1 target point; its one flow carries 100% of the mass; mean displacement 1.',
    );
  });

  it('an empty plan', () => {
    expect(planSentence(summarizePlan(plan([]), x, y, 'sqeuclidean'))).toBe(
      'The plan moves no mass between the current points.',
    );
  });
});
