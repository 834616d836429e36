import { describe, it, expect } from 'vitest';
import { randomLcg } from 'd3-random';
import { procrustes } from './procrustes.ts';
import {
  applyMotion,
  motionAt,
  reflectionMatrix,
  rotationMatrix,
  wrapAngle,
  type FittedMotion,
  type SimilarityMotion,
} from './rigidMotion.ts';

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number) {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++)
    expect(Math.abs(actual[k] - expected[k])).toBeLessThanOrEqual(tol);
}

const det = (R: Float64Array) => R[0] * R[3] - R[1] * R[2];

/** A fitted motion from an exact copy, so `motionAt(fit, 1)` is known independently. */
function fittedCase(seed: number, mirror: boolean) {
  const rand = randomLcg(seed);
  const angle = 2.6;
  const motion: SimilarityMotion = {
    rotation: mirror ? reflectionMatrix(angle) : rotationMatrix(angle),
    scale: 2.5,
    translation: [7, -3],
  };
  const x = Float64Array.from({ length: 40 }, () => 4 * rand() + 1);
  const y = applyMotion(motion, x);
  return { x, y, fit: procrustes(x, y, { scaling: true, reflection: true }) };
}

describe('applyMotion', () => {
  it('maps scale · R p + t, in place too', () => {
    const m: SimilarityMotion = { rotation: rotationMatrix(Math.PI / 2), scale: 2, translation: [1, 1] };
    const p = Float64Array.of(1, 0, 0, 3);
    expectClose(applyMotion(m, p), [1, 3, -5, 1], 1e-15);
    const same = applyMotion(m, p, p);
    expect(same).toBe(p);
    expectClose(p, [1, 3, -5, 1], 1e-15);
  });
});

describe('motionAt', () => {
  for (const mirror of [false, true]) {
    const { x, y, fit } = fittedCase(5, mirror);
    const label = mirror ? 'reflected fit' : 'proper fit';

    it(`${label}: t = 0 is the identity and t = 1 the fit`, () => {
      expect(fit.reflected).toBe(mirror);
      expectClose(applyMotion(motionAt(fit, 0), x), x, 0);
      expectClose(applyMotion(motionAt(fit, 1), x), y, 1e-12);
    });

    it(`${label}: the centroid moves on a straight line at constant speed`, () => {
      const [cx, cy] = fit.sourceCentroid;
      const c = Float64Array.of(cx, cy);
      const end = applyMotion(fit, c);
      for (const t of [0.1, 0.25, 0.5, 0.9]) {
        const p = applyMotion(motionAt(fit, t), c);
        expectClose(p, [cx + t * (end[0] - cx), cy + t * (end[1] - cy)], 1e-12);
      }
    });

    it(`${label}: the scale grows geometrically`, () => {
      expect(motionAt(fit, 0.5).scale).toBeCloseTo(Math.sqrt(2.5), 14);
      expect(motionAt(fit, 0.25).scale).toBeCloseTo(2.5 ** 0.25, 14);
    });
  }

  it('a rotation turns by t · angle, the short way', () => {
    const fit: FittedMotion = {
      rotation: rotationMatrix(-3),
      scale: 1,
      translation: [0, 0],
      angle: -3,
      reflected: false,
      sourceCentroid: [0, 0],
    };
    const m = motionAt(fit, 0.5);
    expectClose(m.rotation, rotationMatrix(-1.5), 1e-15);
    expect(det(m.rotation)).toBeCloseTo(1, 14);
  });

  it('a reflection flips about its mirror axis: axis fixed, normal squashed by cos(π t)', () => {
    const { fit } = fittedCase(6, true);
    const half = fit.angle / 2;
    const axis = Float64Array.of(Math.cos(half), Math.sin(half));
    const normal = Float64Array.of(-Math.sin(half), Math.cos(half));
    for (const t of [0.25, 0.5, 0.75]) {
      const L = motionAt(fit, t).rotation;
      expectClose([L[0] * axis[0] + L[1] * axis[1], L[2] * axis[0] + L[3] * axis[1]], axis, 1e-15);
      const k = Math.cos(Math.PI * t);
      expectClose(
        [L[0] * normal[0] + L[1] * normal[1], L[2] * normal[0] + L[3] * normal[1]],
        [k * normal[0], k * normal[1]],
        1e-15,
      );
      expect(det(L)).toBeCloseTo(k, 14);
    }
  });

  it('a zero scale shrinks linearly', () => {
    const fit = procrustes(Float64Array.of(0, 0, 1, 0, 0, 1), Float64Array.of(5, 5, 5, 5, 5, 5), {
      scaling: true,
    });
    expect(fit.scale).toBe(0);
    expect(motionAt(fit, 0.25).scale).toBeCloseTo(0.75, 15);
  });
});

describe('wrapAngle', () => {
  it('wraps into (−π, π]', () => {
    expect(wrapAngle(Math.PI)).toBe(Math.PI);
    expect(wrapAngle(-Math.PI)).toBe(Math.PI);
    expect(wrapAngle((3 * Math.PI) / 2)).toBeCloseTo(-Math.PI / 2, 15);
    expect(wrapAngle(-7)).toBeCloseTo(-7 + 2 * Math.PI, 14);
    expect(wrapAngle(0.5)).toBe(0.5);
  });
});
