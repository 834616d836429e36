import { describe, expect, it } from 'vitest';
import { packInputs, unpackInputs } from './layerInputs.ts';

describe('layer inputs', () => {
  it('sends an object once and then only what changed; the worker rebuilds the same inputs', () => {
    const plan = { i: [0], j: [1], mass: [1] };
    const x = Float64Array.of(0, 0);
    const y = Float64Array.of(1, 1);
    const first = packInputs([plan, x, y, 0.1], null);
    expect(first.kept).toEqual([]);
    const workerFirst = unpackInputs(first, null);
    expect(workerFirst).toEqual([plan, x, y, 0.1]);

    // The next frame: same plan and clouds, a new t — only t is sent.
    const second = packInputs([plan, x, y, 0.2], [plan, x, y, 0.1]);
    expect(second.kept).toEqual([0, 1, 2]);
    expect(second.values).toEqual([undefined, undefined, undefined, 0.2]);
    const workerSecond = unpackInputs(second, workerFirst);
    expect(workerSecond[0]).toBe(workerFirst[0]);
    expect(workerSecond[3]).toBe(0.2);

    // A new plan is sent again.
    const plan2 = { i: [1], j: [0], mass: [1] };
    const third = packInputs([plan2, x, y, 0.2], [plan, x, y, 0.2]);
    expect(third.kept).toEqual([1, 2]);
    expect(unpackInputs(third, workerSecond)).toEqual([plan2, x, y, 0.2]);
  });

  it('always sends primitives, even when equal', () => {
    expect(packInputs([0.5, 'a'], [0.5, 'a']).kept).toEqual([]);
  });

  it('refuses a request that reuses an input the worker never had', () => {
    expect(() => unpackInputs({ values: [undefined], kept: [0] }, null)).toThrow(/no earlier value/);
  });
});
