import { describe, expect, it } from 'vitest';
import { lambdaText, nudgeTriangle, setOneLambda, triangleKey, TRIANGLE_STEP } from './lambdaEdit.ts';
import { trianglePoint } from './lambdas.ts';

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((t, v) => t + v, 0);

describe('setOneLambda', () => {
  it('sets one weight and keeps the others in proportion, sum 1', () => {
    const l = setOneLambda([0.5, 0.3, 0.2], 0, 0.8);
    expect(l[0]).toBe(0.8);
    expect(l[1]).toBeCloseTo(0.2 * 0.6, 14);
    expect(l[2]).toBeCloseTo(0.2 * 0.4, 14);
    expect(sum(l)).toBeCloseTo(1, 14);
  });

  it('shares equally when the others are all zero; clamps to [0, 1]; NaN counts as 0', () => {
    expect(Array.from(setOneLambda([1, 0, 0, 0], 0, 0.4))).toEqual(
      [0.4, 0.2, 0.2, 0.2].map((v) => expect.closeTo(v, 14)),
    );
    expect(Array.from(setOneLambda([0.5, 0.5], 1, 7))).toEqual([0, 1]);
    expect(Array.from(setOneLambda([0.5, 0.5], 1, -2))).toEqual([1, 0]);
    expect(Array.from(setOneLambda([0.5, 0.5], 0, NaN))).toEqual([0, 1]);
  });
});

describe('the triangle by keyboard', () => {
  it('a right step moves the point by the step along x, staying in the triangle with sum 1', () => {
    const l0 = [1 / 3, 1 / 3, 1 / 3];
    const l = nudgeTriangle(l0, TRIANGLE_STEP, 0);
    const [x0, y0] = trianglePoint(l0);
    const [x, y] = trianglePoint(l);
    expect(x - x0).toBeCloseTo(TRIANGLE_STEP, 12);
    expect(y - y0).toBeCloseTo(0, 12);
    expect(sum(l)).toBeCloseTo(1, 12);
    // Moving right from the centre moves weight from the left corner to the right one.
    expect(l[1]).toBeGreaterThan(1 / 3);
    expect(l[0]).toBeLessThan(1 / 3);
  });

  it('up moves towards the top corner; steps past an edge clamp to it (weights >= 0)', () => {
    expect(nudgeTriangle([1 / 3, 1 / 3, 1 / 3], 0, 0.1)[2]).toBeGreaterThan(1 / 3);
    const atCorner = nudgeTriangle([1, 0, 0], -0.5, -0.5);
    expect(atCorner).toEqual([1, 0, 0]);
    const pastTop = nudgeTriangle([0, 0, 1], 0, 1);
    pastTop.forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
    expect(pastTop[2]).toBeCloseTo(1, 12);
  });

  it('arrow keys map to steps, Shift to five, Home to equal weights, other keys to nothing', () => {
    expect(triangleKey('ArrowUp', false)).toEqual([0, TRIANGLE_STEP]);
    expect(triangleKey('ArrowLeft', true)).toEqual([-5 * TRIANGLE_STEP, 0]);
    expect(triangleKey('Home', false)).toBe('equal');
    expect(triangleKey('a', false)).toBeNull();
  });
});

it('lambdaText names each weight with two decimals', () => {
  expect(lambdaText(['Circle', 'Square'], [0.7, 0.3])).toBe('Circle 0.70, Square 0.30');
});
