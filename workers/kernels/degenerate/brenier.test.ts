/**
 * Degenerate inputs for the Brenier-map kernels: the entropic map (`entropicMap.ts`, its lattice
 * evaluator `entropicMapLattice.ts`), neural OT (`icnnTrain.ts`, `icnnMap.ts`) and the view the
 * stage draws (`brenierGrid.ts`), on every case of `cases.ts`.
 *
 * Tolerances: identical clouds map to themselves within 1e-6 × the coordinates at relative
 * ε = 1e-3 (the entropic blur); a relative ε makes the entropic map scale-covariant within 1e-9
 * × the coordinates; the view's boxes scale with the clouds (relative 1e-12).
 */
import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { brenierGridSpec, evaluateBrenierView, type BrenierGridSpec } from '../brenier/brenierGrid.ts';
import {
  absoluteEpsilon,
  entropicMap,
  entropicPotential,
  fitEntropicMap,
  type EntropicFit,
} from '../brenier/entropicMap.ts';
import { entropicEvaluator, entropicLattice } from '../brenier/entropicMapLattice.ts';
import { icnnEvaluator, icnnMap, icnnPotential } from '../brenier/icnnMap.ts';
import { icnnTrain } from '../brenier/icnnTrain.ts';
import { CASES, expectAllFinite, getCase, type DegenerateCase, unitWeights } from './cases.ts';

/** −∞ logits are documented for zero-weight targets (log 0). */
const ALLOW = ['result.map.c', 'result.map.blocks'];

const size = (p: Float64Array) => p.reduce((s, v) => Math.max(s, Math.abs(v)), Number.MIN_VALUE);

function weights(c: DegenerateCase) {
  return { a: unitWeights(c.a, c.x.length >> 1), b: unitWeights(c.b, c.y.length >> 1) };
}

function fit(c: DegenerateCase, relative: number, maxIterations?: number): EntropicFit {
  const { a, b } = weights(c);
  const epsilon = absoluteEpsilon(relative, c.x, a, c.y, b);
  return fitEntropicMap(c.x, a, c.y, b, { epsilon, maxIterations });
}

/** Query points: the sources, the targets and points far outside both clouds. */
function queries(c: DegenerateCase): Float64Array {
  const s = size(Float64Array.of(...c.x, ...c.y));
  return Float64Array.of(...c.x, ...c.y, 0, 0, 30 * s, -30 * s, -1e3 * s, 2e3 * s);
}

/** The view is finite and its boxes are not empty. */
function checkView(spec: BrenierGridSpec, view: ReturnType<typeof evaluateBrenierView>): void {
  expectAllFinite(view);
  expect(spec.grid.x1).toBeGreaterThan(spec.grid.x0);
  expect(spec.grid.y1).toBeGreaterThan(spec.grid.y0);
  expect(spec.lattice.x1).toBeGreaterThan(spec.lattice.x0);
  expect(spec.lattice.y1).toBeGreaterThan(spec.lattice.y0);
}

describe.each(CASES)('Brenier maps on "$name"', (c) => {
  const { a } = weights(c);

  it.each([0.1, 1e-3])('entropic map at relative ε = %s: finite map, potential and view', (relative) => {
    const f = fit(c, relative);
    expectAllFinite(f, 'result', ALLOW);
    expect(f.sinkhorn.stop).not.toBe('non-finite');
    const q = queries(c);
    expectAllFinite(entropicMap(f.map, q));
    expectAllFinite(entropicPotential(f.map, q));
    const spec = brenierGridSpec(c.x, c.y);
    checkView(spec, evaluateBrenierView(entropicEvaluator(f.map), c.x, a, spec));
    if (c.identical && relative === 1e-3) {
      const T = entropicMap(f.map, c.x);
      for (let e = 0; e < T.length; e++) expect(Math.abs(T[e] - c.x[e])).toBeLessThan(1e-6 * size(c.x));
    }
  });

  it('the lattice evaluation agrees with point-by-point evaluation (1e-9 × the coordinates)', () => {
    const f = fit(c, 0.1);
    const spec = brenierGridSpec(c.x, c.y);
    const { x0, x1, y0, y1 } = spec.lattice;
    const xs = Float64Array.from({ length: 6 }, (_, i) => x0 + ((x1 - x0) * i) / 5);
    const ys = Float64Array.from({ length: 5 }, (_, k) => y0 + ((y1 - y0) * k) / 4);
    const map = new Float64Array(60);
    const pot = new Float64Array(30);
    entropicLattice(f.map, xs)(ys, map, pot, { offset: 0, strideX: 1, strideY: 6 });
    const pts = new Float64Array(60);
    for (let k = 0; k < 5; k++) {
      for (let i = 0; i < 6; i++) {
        pts[2 * (k * 6 + i)] = xs[i];
        pts[2 * (k * 6 + i) + 1] = ys[k];
      }
    }
    const T = entropicMap(f.map, pts);
    const phi = entropicPotential(f.map, pts);
    const scale = size(pts);
    const phiScale = phi.reduce((s, v) => Math.max(s, Math.abs(v)), 0) + f.map.epsilon;
    for (let e = 0; e < 60; e++) expect(Math.abs(map[e] - T[e])).toBeLessThan(1e-9 * scale);
    for (let e = 0; e < 30; e++) expect(Math.abs(pot[e] - phi[e])).toBeLessThan(1e-9 * phiScale);
  });

  it('tiny ε (relative 1e-6, absolute 1e-12) and huge ε (relative 100): finite maps', () => {
    const { a: aa, b } = weights(c);
    const tiny = [absoluteEpsilon(1e-6, c.x, aa, c.y, b), 1e-12];
    for (const epsilon of tiny) {
      const f = fitEntropicMap(c.x, aa, c.y, b, { epsilon, maxIterations: 200 });
      expectAllFinite(f, 'result', ALLOW);
      expect(f.sinkhorn.stop).not.toBe('non-finite');
      expectAllFinite(entropicMap(f.map, queries(c)));
      // The map is built at the ε its potential was computed at (Sinkhorn may raise a tiny one).
      expect(f.map.epsilon).toBe(f.sinkhorn.epsilon);
    }
    // At a huge ε every point maps to (nearly) the target's mean.
    const f = fit(c, 100);
    const T = entropicMap(f.map, c.x);
    let my0 = 0;
    let my1 = 0;
    for (let j = 0; j < b.length; j++) {
      my0 += b[j] * c.y[2 * j];
      my1 += b[j] * c.y[2 * j + 1];
    }
    const spread = size(Float64Array.of(...c.x, ...c.y));
    for (let i = 0; i < aa.length; i++) {
      expect(Math.abs(T[2 * i] - my0)).toBeLessThan(0.05 * spread);
      expect(Math.abs(T[2 * i + 1] - my1)).toBeLessThan(0.05 * spread);
    }
  });

  it('neural OT (3 steps, 0 steps): finite model, map, potential and view', () => {
    const { a: aa, b } = weights(c);
    for (const steps of [3, 0]) {
      const r = icnnTrain(c.x, aa, c.y, b, { width: 4, depth: 2, steps }, randomLcg(7));
      expectAllFinite(r);
      expect(r.steps).toBe(steps);
      expectAllFinite(icnnMap(r.model, queries(c)));
      expectAllFinite(icnnPotential(r.model, queries(c)));
      const spec = brenierGridSpec(c.x, c.y);
      checkView(spec, evaluateBrenierView(icnnEvaluator(r.model), c.x, aa, spec));
    }
  });
});

describe('Brenier scale laws', () => {
  const base = getCase('base');
  const ref = entropicMap(fit(base, 0.1).map, base.x);
  const refSpec = brenierGridSpec(base.x, base.y);

  it.each([1e6, 1e-9])('entropic map at relative ε, scale %s: scale × the base map (1e-9)', (s) => {
    const c = CASES.find((k) => k.scale === s)!;
    const T = entropicMap(fit(c, 0.1).map, c.x);
    for (let e = 0; e < ref.length; e++) expect(Math.abs(T[e] / s - ref[e])).toBeLessThan(1e-9 * size(ref));
  });

  it('entropic map of clouds far from the origin: the base map, moved (1e-6 × the spread)', () => {
    const c = getCase('clouds far from the origin (1e6)');
    const T = entropicMap(fit(c, 0.1).map, c.x);
    for (let e = 0; e < ref.length; e++) {
      const shift = e % 2 === 0 ? 1e6 : -2e6;
      expect(Math.abs(T[e] - shift - ref[e])).toBeLessThan(1e-6);
    }
  });

  it.each([1e6, 1e-9])('neural OT at scale %s: scale × the base map (1e-9)', (s) => {
    const c = CASES.find((k) => k.scale === s)!;
    const train = (k: DegenerateCase) =>
      icnnTrain(k.x, weights(k).a, k.y, weights(k).b, { width: 4, depth: 2, steps: 5 }, randomLcg(3));
    const r0 = train(base);
    const r1 = train(c);
    const T0 = icnnMap(r0.model, base.x);
    const T1 = icnnMap(r1.model, c.x);
    for (let e = 0; e < T0.length; e++) expect(Math.abs(T1[e] / s - T0[e])).toBeLessThan(1e-9 * size(T0));
    for (let k = 0; k < 5; k++)
      expect(Math.abs(r1.w2History[k] / (s * s) - r0.w2History[k])).toBeLessThan(1e-9);
  });

  it.each([1e6, 1e-9])('the view’s grid and lattice at scale %s: scale × the base boxes', (s) => {
    const c = CASES.find((k) => k.scale === s)!;
    const spec = brenierGridSpec(c.x, c.y);
    for (const box of ['grid', 'lattice'] as const) {
      for (const key of ['x0', 'y0', 'x1', 'y1'] as const) {
        expect(Math.abs(spec[box][key] / s - refSpec[box][key])).toBeLessThan(1e-12 * size(base.x));
      }
    }
    expect([spec.rows, spec.cols, spec.nx, spec.ny]).toEqual([
      refSpec.rows,
      refSpec.cols,
      refSpec.nx,
      refSpec.ny,
    ]);
  });
});

describe('Brenier view of a cloud narrower than the rounding of its coordinates', () => {
  it('gets a finite grid with a box of positive size', () => {
    const base = getCase('base');
    const x = base.x.map((v) => 2.24 + 2.5e-16 * v);
    const y = base.y.map((v) => 2.24 + 2.5e-16 * v);
    const spec = brenierGridSpec(x, y);
    expectAllFinite(spec);
    const a = weights(base).a;
    const r = icnnTrain(x, a, y, weights(base).b, { width: 4, steps: 2 }, randomLcg(1));
    checkView(spec, evaluateBrenierView(icnnEvaluator(r.model), x, a, spec));
  });
});

describe('Brenier kernels: bad input is an error naming it', () => {
  const c = getCase('two points a side');
  const { a, b } = weights(c);
  it('neural OT: bad steps, batch, empty clouds, all-zero weights', () => {
    const rand = randomLcg(1);
    expect(() => icnnTrain(c.x, a, c.y, b, { steps: -1 }, rand)).toThrow(/steps/);
    expect(() => icnnTrain(c.x, a, c.y, b, { steps: 1.5 }, rand)).toThrow(/steps/);
    expect(() => icnnTrain(c.x, a, c.y, b, { batchSize: 0 }, rand)).toThrow(/batchSize/);
    expect(() => icnnTrain(new Float64Array(0), new Float64Array(0), c.y, b, {}, rand)).toThrow(
      /at least one point/,
    );
    expect(() => icnnTrain(c.x, new Float64Array(2), c.y, b, {}, rand)).toThrow(/weights/);
  });

  it('neural OT: weights near the float maximum train as their ratios do', () => {
    const big = icnnTrain(
      c.x,
      Float64Array.of(1e308, 1e308),
      c.y,
      Float64Array.of(1.7e308, 1.7e308),
      { steps: 2 },
      randomLcg(1),
    );
    const ref = icnnTrain(c.x, a, c.y, b, { steps: 2 }, randomLcg(1));
    expect(Array.from(big.model.g)).toEqual(Array.from(ref.model.g));
  });

  it('entropic map: ε <= 0 or NaN', () => {
    expect(() => fitEntropicMap(c.x, a, c.y, b, { epsilon: 0 })).toThrow(/epsilon/);
    expect(() => fitEntropicMap(c.x, a, c.y, b, { epsilon: NaN })).toThrow(/epsilon/);
  });
});
