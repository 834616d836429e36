/**
 * Degenerate inputs for the barycenter kernels, on every case of `../degenerate/cases.ts` (the
 * case's two clouds, λ = (0.4, 0.6)): finite results with their guarantees, or a clear RangeError.
 * Bad inputs: a table of malformed calls and the message each must give.
 */
import { describe, expect, it } from 'vitest';
import { CASES, expectAllFinite, type DegenerateCase } from '../degenerate/cases.ts';
import { barycenterCosts } from './costs.ts';
import { freeSupportBarycenter } from './freeSupport.ts';
import { gridBarycenter } from './grid.ts';
import type { BarycenterCloud } from './input.ts';

const lambdas = [0.4, 0.6];
const cloudsOf = (c: DegenerateCase): BarycenterCloud[] => [
  { points: c.x, weights: c.a },
  { points: c.y, weights: c.b },
];

/** Mean squared distance between the clouds' points (1 when zero), the scale of ε. */
function costScale(c: DegenerateCase): number {
  let s = 0;
  for (let i = 0; i < c.x.length; i += 2)
    for (let j = 0; j < c.y.length; j += 2) s += (c.x[i] - c.y[j]) ** 2 + (c.x[i + 1] - c.y[j + 1]) ** 2;
  s /= (c.x.length / 2) * (c.y.length / 2);
  return s > 0 ? s : 1;
}

describe.each(CASES)('barycenters on "$name"', (c) => {
  const clouds = cloudsOf(c);

  it('free support (exact plans): finite, converged, objective = Σ λ costs, costs >= 0', () => {
    const r = freeSupportBarycenter(clouds, lambdas, { seed: 3 });
    expectAllFinite(r);
    expect(r.plansConverged).toBe(true);
    const costs = barycenterCosts(r.support, r.supportWeights, clouds, lambdas);
    expectAllFinite(costs);
    for (const v of costs.costs) expect(v).toBeGreaterThanOrEqual(0);
    expect(Math.abs(costs.objective - (0.4 * costs.costs[0] + 0.6 * costs.costs[1]))).toBeLessThanOrEqual(
      1e-12 * costs.objective,
    );
    if (c.identical) expect(costs.objective).toBeLessThan(1e-20 * costScale(c));
  });

  it('free support (Sinkhorn plans) at ε = 0.1, 1e-4 and 1e4 × the cost scale: finite', () => {
    for (const f of [0.1, 1e-4, 1e4]) {
      const r = freeSupportBarycenter(clouds, lambdas, {
        seed: 3,
        maxIterations: 5,
        entropic: { epsilon: f * costScale(c), tolerance: 1e-6, maxIterations: 2000 },
      });
      expectAllFinite(r);
    }
  });

  it('grid 16² at the default blur, the smallest blur and a huge one: finite, >= 0, mass 1', () => {
    const blurs: (number | undefined)[] = [undefined, 'min' as unknown as number, 1e6];
    for (const b of blurs) {
      const probe = gridBarycenter(clouds, lambdas, { size: 16, maxIterations: 1 });
      const h = (probe.bounds[1] - probe.bounds[0]) / 15;
      const blur = b === undefined ? undefined : (b as unknown) === 'min' ? 0.25 * h : b * h;
      const r = gridBarycenter(clouds, lambdas, { size: 16, blur, maxIterations: 300, tolerance: 1e-6 });
      expectAllFinite(r);
      expect(Math.min(...r.density)).toBeGreaterThanOrEqual(0);
      const mass = r.density.reduce((s, v) => s + v, 0);
      // Unconverged solves (the smallest blur) are off by about their error, which is reported.
      expect(Math.abs(mass - 1)).toBeLessThan(Math.max(1e-5, 2 * r.error));
    }
  });
});

describe('barycenter kernels refuse bad input clearly', () => {
  const x = Float64Array.of(0, 0, 1, 0, 0, 1);
  const y = Float64Array.of(2, 2, 3, 2);
  const ok: BarycenterCloud[] = [{ points: x }, { points: y }];
  const table: [string, () => unknown, RegExp][] = [
    ['one cloud', () => freeSupportBarycenter([{ points: x }], [1]), /2 to 8 clouds/],
    [
      'nine clouds',
      () => freeSupportBarycenter(Array(9).fill({ points: x }), Array(9).fill(1)),
      /2 to 8 clouds/,
    ],
    ['lambdas of the wrong length', () => freeSupportBarycenter(ok, [1]), /one weight per cloud/],
    ['a negative lambda', () => freeSupportBarycenter(ok, [1.5, -0.5]), /lambda 1 = -0.5/],
    ['all-zero lambdas', () => gridBarycenter(ok, [0, 0]), /all zero/],
    ['a NaN lambda', () => barycenterCosts(x, null, ok, [NaN, 1]), /lambda 0/],
    [
      'an empty cloud',
      () => freeSupportBarycenter([{ points: new Float64Array(0) }, { points: y }], [1, 1]),
      /cloud 0/,
    ],
    [
      'an odd-length cloud',
      () => freeSupportBarycenter([{ points: x.subarray(0, 5) }, { points: y }], [1, 1]),
      /cloud 0/,
    ],
    [
      'a non-finite coordinate',
      () => gridBarycenter([{ points: Float64Array.of(0, Infinity) }, { points: y }], [1, 1]),
      /not finite/,
    ],
    [
      'a negative point weight',
      () => freeSupportBarycenter([{ points: y, weights: Float64Array.of(1, -1) }, { points: x }], [1, 1]),
      /cloud 0 weights/,
    ],
    [
      'all-zero point weights',
      () => freeSupportBarycenter([{ points: y, weights: Float64Array.of(0, 0) }, { points: x }], [1, 1]),
      /no mass/,
    ],
    ['a malformed init', () => freeSupportBarycenter(ok, [1, 1], { init: Float64Array.of(1, 2, 3) }), /init/],
    [
      'a zero support weight',
      () => freeSupportBarycenter(ok, [1, 1], { size: 2, supportWeights: Float64Array.of(1, 0) }),
      /supportWeights\[1\]/,
    ],
    ['size 0', () => freeSupportBarycenter(ok, [1, 1], { size: 0 }), /size/],
    ['maxIterations 0', () => freeSupportBarycenter(ok, [1, 1], { maxIterations: 0 }), /maxIterations/],
    ['epsilon 0', () => freeSupportBarycenter(ok, [1, 1], { entropic: { epsilon: 0 } }), /epsilon/],
    ['grid size 7', () => gridBarycenter(ok, [1, 1], { size: 7 }), /size must be an integer from 8 to 128/],
    ['grid size 129', () => gridBarycenter(ok, [1, 1], { size: 129 }), /size/],
    ['a blur of 0', () => gridBarycenter(ok, [1, 1], { blur: 0 }), /at least 0.25 grid spacings/],
    ['an infinite blur', () => gridBarycenter(ok, [1, 1], { blur: Infinity }), /blur/],
  ];
  it.each(table)('%s', (_, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
