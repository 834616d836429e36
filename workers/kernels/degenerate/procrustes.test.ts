/**
 * Degenerate inputs for the Procrustes kernels: `procrustes` (known pairs), `wassersteinProcrustes`
 * (no pairs) and the motions of `rigidMotion.ts`, on every case of `cases.ts`.
 *
 * What is promised (procrustes.ts): the linear part is orthogonal with det +1 (or −1 only when a
 * reflection is allowed and chosen), also for collinear or coincident points; when the data do not
 * determine the rotation it is the identity and `rotationDetermined` is false. Tolerances:
 * orthogonality 1e-12; recovered rotations 1e-9; translations and rmsd 1e-9 × the coordinates.
 */
import { describe, expect, it } from 'vitest';
import { procrustes, type ProcrustesOptions, type ProcrustesResult } from '../procrustes/procrustes.ts';
import { applyMotion, motionAt, rotationMatrix, type FittedMotion } from '../procrustes/rigidMotion.ts';
import { wassersteinProcrustes } from '../procrustes/wassersteinProcrustes.ts';
import { BASE_X, CASES, expectAllFinite, getCase, SQUARE_CASES } from './cases.ts';

const OPTIONS: [string, ProcrustesOptions][] = [
  ['rigid', {}],
  ['with scaling', { scaling: true }],
  ['with reflection', { reflection: true }],
  ['with scaling and reflection', { scaling: true, reflection: true }],
];

/** Largest |coordinate| of a cloud (at least the smallest normal number). */
const size = (p: Float64Array) => p.reduce((s, v) => Math.max(s, Math.abs(v)), Number.MIN_VALUE);

/** The motion's linear part is orthogonal with det ±1, and det −1 only for an allowed reflection. */
function checkMotion(r: FittedMotion & { rotationDetermined?: boolean }, reflection: boolean): void {
  const [p, q, s, t] = r.rotation;
  expect(Math.abs(p * p + s * s - 1)).toBeLessThan(1e-12);
  expect(Math.abs(q * q + t * t - 1)).toBeLessThan(1e-12);
  expect(Math.abs(p * q + s * t)).toBeLessThan(1e-12);
  const det = p * t - q * s;
  expect(Math.abs(Math.abs(det) - 1)).toBeLessThan(1e-12);
  expect(det < 0).toBe(r.reflected);
  if (!reflection) expect(r.reflected).toBe(false);
  expect(r.scale).toBeGreaterThanOrEqual(0);
  // The animation is finite all the way.
  for (const t of [0, 0.25, 0.5, 1]) expectAllFinite(motionAt(r, t));
}

describe.each(SQUARE_CASES)('procrustes by index on "$name"', (c) => {
  it.each(OPTIONS)('%s: finite, orthogonal, det ±1', (_, options) => {
    const weights = c.a ?? undefined;
    const r = procrustes(c.x, c.y, { ...options, weights });
    expectAllFinite(r);
    checkMotion(r, options.reflection ?? false);
    const isIdentity = (R: Float64Array) => [1, 0, 0, 1].every((v, k) => Math.abs(R[k] - v) < 1e-15);
    if (c.identical) {
      expect(isIdentity(r.rotation)).toBe(true);
      expect(Math.abs(r.scale - 1)).toBeLessThan(1e-12);
      expect(Math.abs(r.translation[0]) + Math.abs(r.translation[1])).toBeLessThan(1e-12 * size(c.x));
      expect(r.rmsd).toBeLessThan(1e-12 * size(c.x));
    }
    if (c.sourceCollapsed || c.targetCollapsed) {
      expect(r.rotationDetermined).toBe(false);
      expect(isIdentity(r.rotation)).toBe(true);
    } else {
      expect(r.rotationDetermined).toBe(true);
    }
  });
});

describe.each(CASES)('procrustes with explicit pairs and wassersteinProcrustes on "$name"', (c) => {
  const n = c.x.length >> 1;
  const m = c.y.length >> 1;

  it.each(OPTIONS)('pairs (k, k mod m), %s: finite, orthogonal', (_, options) => {
    const i = Int32Array.from({ length: n }, (_, k) => k);
    const j = i.map((k) => k % m);
    const r = procrustes(c.x, c.y, { ...options, correspondence: { i, j }, weights: c.a ?? undefined });
    expectAllFinite(r);
    checkMotion(r, options.reflection ?? false);
  });

  it.each(OPTIONS)('Wasserstein-Procrustes, %s: finite, orthogonal, a plan of mass 1', (_, options) => {
    const r = wassersteinProcrustes(c.x, c.y, { ...options, a: c.a, b: c.b, restarts: 4 });
    expectAllFinite(r);
    checkMotion(r, options.reflection ?? false);
    expect(Math.abs(r.plan.mass.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
    if (c.identical) {
      expect(Math.abs(r.angle)).toBeLessThan(1e-9);
      expect(r.rmsd).toBeLessThan(1e-9 * size(c.x));
    }
  });
});

describe('Procrustes scale laws', () => {
  const theta = 0.7;
  const R = rotationMatrix(theta);
  const shift: [number, number] = [0.4, -1.3];
  const target = applyMotion({ rotation: R, scale: 1, translation: shift }, BASE_X);

  it.each([1, 1e6, 1e-9])('by index at scale %s: the same rotation (1e-9), translation × scale', (s) => {
    const r = procrustes(
      BASE_X.map((v) => v * s),
      target.map((v) => v * s),
      { scaling: true },
    );
    expect(Math.abs(r.angle - theta)).toBeLessThan(1e-9);
    expect(Math.abs(r.scale - 1)).toBeLessThan(1e-9);
    expect(Math.abs(r.translation[0] / s - shift[0])).toBeLessThan(1e-9);
    expect(Math.abs(r.translation[1] / s - shift[1])).toBeLessThan(1e-9);
    expect(r.rmsd / s).toBeLessThan(1e-9);
  });

  it('by index far from the origin (1e6): the same rotation (1e-9)', () => {
    const far = (p: Float64Array) => p.map((v, k) => v + (k % 2 === 0 ? 1e6 : -2e6));
    const r = procrustes(far(BASE_X), far(target));
    expect(Math.abs(r.angle - theta)).toBeLessThan(1e-9);
    expect(r.rmsd).toBeLessThan(1e-6);
  });

  it.each([1e6, 1e-9])('Wasserstein-Procrustes at scale %s: the base case’s rotation (1e-9)', (s) => {
    const base = wassersteinProcrustes(getCase('base').x, getCase('base').y, { restarts: 4, scaling: true });
    const c = CASES.find((k) => k.scale === s)!;
    const r = wassersteinProcrustes(c.x, c.y, { restarts: 4, scaling: true });
    expect(Math.abs(r.angle - base.angle)).toBeLessThan(1e-9);
    expect(Math.abs(r.scale - base.scale)).toBeLessThan(1e-9);
    expect(Math.abs(r.rmsd / s - base.rmsd)).toBeLessThan(1e-9 * base.rmsd);
  });

  it('collinear clouds: the rotation maps one line’s direction onto the other’s', () => {
    const c = getCase('collinear points');
    const r: ProcrustesResult = procrustes(c.x, c.y, { reflection: true });
    checkMotion(r, true);
    // Both lines have direction (1, 0.5): the fit keeps it (a rotation by 0 or π, or the mirror
    // image across the line itself).
    const d = [1 / Math.hypot(1, 0.5), 0.5 / Math.hypot(1, 0.5)];
    const Rd = [r.rotation[0] * d[0] + r.rotation[1] * d[1], r.rotation[2] * d[0] + r.rotation[3] * d[1]];
    expect(Math.abs(Math.abs(Rd[0] * d[0] + Rd[1] * d[1]) - 1)).toBeLessThan(1e-9);
  });
});

describe('Wasserstein-Procrustes: caps of 0 and subsamples of 1', () => {
  it('0 restarts, 0 alternations and a subsample of 0 points are raised to the least that works', () => {
    const c = getCase('base');
    const r = wassersteinProcrustes(c.x, c.y, { restarts: 0, maxAlternations: 0, sampleSize: 0 });
    expectAllFinite(r);
    checkMotion(r, false);
    expect(r.restarts).toHaveLength(1);
    expect(r.restarts[0].iterations).toBe(1);
    expect(r.refine.at(-1)).toMatchObject({ n: c.x.length >> 1, m: c.y.length >> 1 });
  });
});

describe('Procrustes: bad input is an error naming it', () => {
  const x = getCase('two points a side').x;
  const y = getCase('two points a side').y;
  it('all-zero, negative or NaN weights', () => {
    expect(() => procrustes(x, y, { weights: [0, 0] })).toThrow(/weights are zero/);
    expect(() => procrustes(x, y, { weights: [1, -1] })).toThrow(/weight 1/);
    expect(() => procrustes(x, y, { weights: [1, NaN] })).toThrow(/weight 1/);
    expect(() => wassersteinProcrustes(x, y, { a: new Float64Array(2) })).toThrow(/no mass/);
    expect(() => wassersteinProcrustes(x, y, { b: Float64Array.of(1, NaN) })).toThrow(/b\[1\]/);
  });

  it('non-finite or missing points, mismatched sizes', () => {
    expect(() => procrustes(Float64Array.of(0, NaN), Float64Array.of(0, 0))).toThrow(/not finite/);
    expect(() => procrustes(new Float64Array(0), y)).toThrow(/non-zero length/);
    expect(() => procrustes(x, getCase('base').y)).toThrow(/as many source as target/);
    expect(() => wassersteinProcrustes(x, Float64Array.of(1, Infinity))).toThrow(/not finite/);
  });

  it('weights near the float maximum fit as their ratios do (no overflow)', () => {
    const r = procrustes(x, y, { weights: [1e308, 1e308] });
    const ref = procrustes(x, y);
    expect(Array.from(r.rotation)).toEqual(Array.from(ref.rotation));
    expect(r.translation).toEqual(ref.translation);
    expect(r.rmsd).toBe(ref.rmsd);
    const w = wassersteinProcrustes(x, y, { a: Float64Array.of(1e308, 1e308), b: Float64Array.of(1e308, 1) });
    expectAllFinite(w);
  });
});
