/**
 * Degenerate and bad inputs for the adaptation and decorrelation kernels: every case of the
 * shared table (`../degenerate/cases.ts`: one point, all points equal, identical clouds, zero
 * weights, coordinates at 1e-9 and up to 1e12 scale, far from the origin, collinear, duplicates)
 * with alternating labels, through every transport. Each run either returns finite numbers that
 * satisfy the basic guarantees, or — only where the case has fewer than two classes — throws a
 * RangeError saying so. Then a table of malformed inputs, each with the message it must give.
 */
import { describe, expect, it } from 'vitest';
import { costMatrix } from '../cost.ts';
import { CASES, expectAllFinite, unitWeights, type DegenerateCase } from '../degenerate/cases.ts';
import { planMarginalError } from '../plan.ts';
import { adaptDomains, type AdaptOptions } from './adapt.ts';
import { decorrelate } from './decorrelate.ts';

/** Alternating labels 0, 1, 0, … (one class when there is one point). */
const alternating = (count: number) => Int32Array.from({ length: count }, (_, i) => i % 2);

/** ε = 0.1 × the mean cost of the case (any ε when every cost is zero). */
function scaleOf(x: Float64Array, y: Float64Array): number {
  const C = costMatrix(x, y, 'sqeuclidean');
  const mean = C.reduce((s, v) => s + v, 0) / C.length;
  return mean > 0 ? mean : 1;
}

const TRANSPORTS: Record<string, (scale: number) => AdaptOptions> = {
  exact: () => ({ transport: 'exact' }),
  entropic: (s) => ({ transport: 'entropic', epsilon: 0.1 * s }),
  'entropic, tiny ε': (s) => ({ transport: 'entropic', epsilon: 1e-4 * s, maxIterations: 500 }),
  'entropic, huge ε': (s) => ({ transport: 'entropic', epsilon: 1e4 * s }),
  'class, entropic': (s) => ({
    transport: 'entropic',
    regularization: 'class',
    epsilon: 0.1 * s,
    eta: 0.1 * s,
  }),
  'class, exact': (s) => ({ transport: 'exact', regularization: 'class', eta: 0.1 * s, outerIterations: 3 }),
};

describe.each(CASES)('adaptDomains on "$name"', (c: DegenerateCase) => {
  const n = c.x.length >> 1;
  const m = c.y.length >> 1;
  const scale = scaleOf(c.x, c.y);
  it.each(Object.keys(TRANSPORTS))('%s: finite, marginals kept, predictions are source labels', (name) => {
    const run = () =>
      adaptDomains(c.x, alternating(n), c.y, alternating(m), {
        ...TRANSPORTS[name](scale),
        sourceWeights: c.a,
        targetWeights: c.b,
      });
    if (n < 2) {
      expect(run).toThrow('adaptation needs at least two classes (the source cloud has only class 0)');
      return;
    }
    const r = run();
    expectAllFinite(r);
    const a = unitWeights(c.a, n);
    const b = unitWeights(c.b, m);
    // Loose where the cap or a tiny ε may stop Sinkhorn early; the plan is still a coupling then.
    expect(planMarginalError(r.plan, a, b)).toBeLessThan(r.converged ? 1e-6 : 1);
    for (const p of r.plan) expect(p).toBeGreaterThanOrEqual(0);
    expect(r.purity).toBeGreaterThanOrEqual(0.5 - 1e-12);
    expect(r.purity).toBeLessThanOrEqual(1 + 1e-12);
    for (const l of r.targetPredictions) expect(l === 0 || l === 1).toBe(true);
    for (const acc of [r.accuracyBefore, r.accuracyAfter]) {
      expect(acc).toBeGreaterThanOrEqual(0);
      expect(acc).toBeLessThanOrEqual(1);
    }
    // Mapped points lie in the box of the target cloud (convex combinations of target points),
    // up to rounding at the case's scale; a zero-weight source point moves with a neighbour.
    const box = bounds(c.y);
    const slack = 1e-9 * Math.max(Math.sqrt(scale), 1e-300) + 1e-12 * box.size;
    for (let i = 0; i < n; i++) {
      if (c.a && c.a[i] === 0) continue;
      expect(r.mappedSource[2 * i]).toBeGreaterThanOrEqual(box.x0 - slack);
      expect(r.mappedSource[2 * i]).toBeLessThanOrEqual(box.x1 + slack);
      expect(r.mappedSource[2 * i + 1]).toBeGreaterThanOrEqual(box.y0 - slack);
      expect(r.mappedSource[2 * i + 1]).toBeLessThanOrEqual(box.y1 + slack);
    }
  });
});

describe.each(CASES)('decorrelate on the source of "$name"', (c: DegenerateCase) => {
  const n = c.x.length >> 1;
  const scale = scaleOf(c.x, c.x);
  it.each(['exact', 'entropic'] as const)('%s: finite, after <= before (or too few classes)', (transport) => {
    const run = () => decorrelate(c.x, alternating(n), c.a, { transport, epsilon: 0.1 * scale });
    if (n < 2) {
      expect(run).toThrow('decorrelation needs at least two classes (the cloud has only class 0)');
      return;
    }
    const r = run();
    expectAllFinite(r);
    expect(r.after).toBeLessThanOrEqual(r.before * (1 + 1e-9) + 1e-12 * scale);
  });
});

describe('adaptDomains rejects malformed input, naming the problem', () => {
  const x = Float64Array.of(0, 0, 1, 0, 0, 1, 1, 1);
  const y = Float64Array.of(2, 0, 3, 0, 2, 1);
  const ls = Int32Array.of(0, 1, 0, 1);
  const lt = Int32Array.of(1, 0, 1);
  const ex: AdaptOptions = { transport: 'exact' };
  const table: [string, () => unknown, string | RegExp][] = [
    ['no source labels', () => adaptDomains(x, null, y, lt, ex), 'the source cloud has no labels'],
    [
      'empty source labels',
      () => adaptDomains(x, new Int32Array(0), y, lt, ex),
      'the source cloud has no labels',
    ],
    [
      'a single source class',
      () => adaptDomains(x, Int32Array.of(2, 2, 2, 2), y, lt, ex),
      'adaptation needs at least two classes (the source cloud has only class 2)',
    ],
    ['a label above 9', () => adaptDomains(x, Int32Array.of(0, 1, 10, 1), y, lt, ex), /label 10 of point 2/],
    ['a negative label', () => adaptDomains(x, Int32Array.of(0, -3, 0, 1), y, lt, ex), /label -3 of point 1/],
    [
      'a target label above 9',
      () => adaptDomains(x, ls, y, Int32Array.of(0, 12, 1), ex),
      /target cloud: label 12/,
    ],
    [
      'fewer source labels than points',
      () => adaptDomains(x, Int32Array.of(0, 1), y, lt, ex),
      'the source cloud has 4 points but 2 labels',
    ],
    [
      'more target labels than points',
      () => adaptDomains(x, ls, y, Int32Array.of(0, 1, 0, 1), ex),
      'the target cloud has 3 points but 4 labels',
    ],
    [
      'an odd number of coordinates',
      () => adaptDomains(x.subarray(1), ls, y, lt, ex),
      /odd number of coordinates/,
    ],
    [
      'an empty target',
      () => adaptDomains(x, ls, new Float64Array(0), null, ex),
      'the target cloud is empty',
    ],
    [
      'a NaN coordinate',
      () => adaptDomains(x, ls, Float64Array.of(2, 0, 3, NaN, 2, 1), lt, ex),
      'the target cloud: coordinate y of point 1 is not finite',
    ],
    [
      'a negative weight',
      () => adaptDomains(x, ls, y, lt, { ...ex, sourceWeights: Float64Array.of(1, -1, 1, 1) }),
      /the source cloud's weights: weight 1/,
    ],
    [
      'weights of the wrong length',
      () => adaptDomains(x, ls, y, lt, { ...ex, targetWeights: Float64Array.of(1, 1) }),
      /the target cloud's weights: expected 3 weights, got 2/,
    ],
    [
      'an unknown transport',
      () => adaptDomains(x, ls, y, lt, { transport: 'sliced' as 'exact' }),
      /unknown transport/,
    ],
    [
      'an unknown regularization',
      () => adaptDomains(x, ls, y, lt, { ...ex, regularization: 'laplace' as 'class' }),
      /unknown regularization/,
    ],
    [
      'entropic without epsilon',
      () => adaptDomains(x, ls, y, lt, { transport: 'entropic' }),
      /needs epsilon/,
    ],
    [
      'a negative eta',
      () =>
        adaptDomains(x, ls, y, lt, { transport: 'entropic', regularization: 'class', epsilon: 1, eta: -1 }),
      /eta must be finite and >= 0/,
    ],
    [
      'zero outer iterations',
      () => adaptDomains(x, ls, y, lt, { ...ex, regularization: 'class', outerIterations: 0 }),
      /outerIterations must be an integer >= 1/,
    ],
  ];
  it.each(table)('%s', (_, run, message) => {
    expect(run).toThrow(RangeError);
    expect(run).toThrow(message);
  });

  it('an empty target labelling means no labels (no scores), not an error', () => {
    const r = adaptDomains(x, ls, y, new Int32Array(0), ex);
    expect(r.accuracyBefore).toBeNull();
    expect(r.targetPredictions).toHaveLength(3);
  });
});

function bounds(p: Float64Array) {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let k = 0; k < p.length; k += 2) {
    x0 = Math.min(x0, p[k]);
    x1 = Math.max(x1, p[k]);
    y0 = Math.min(y0, p[k + 1]);
    y1 = Math.max(y1, p[k + 1]);
  }
  return { x0, x1, y0, y1, size: Math.max(x1 - x0, y1 - y0, Math.abs(x0), Math.abs(y0)) };
}
