import { describe, expect, it } from 'vitest';
import { emptyCloud, type Cloud } from '../../scenario/types.ts';
import { barycenterInputs } from './inputs.ts';

const cloud = (name: string, n: number): Cloud => ({
  name,
  points: Float64Array.from({ length: 2 * n }, (_, k) => k),
  weights: null,
  labels: null,
});

describe('barycenterInputs', () => {
  it('uses every cloud with its normalised λ', () => {
    const r = barycenterInputs({ clouds: [cloud('A', 3), cloud('B', 2)], params: { lambdas: [1, 3] } });
    expect(r.problem).toBeNull();
    expect(r.used).toEqual([0, 1]);
    expect(Array.from(r.lambdas)).toEqual([0.25, 0.75]);
  });

  it('leaves out empty clouds and renormalises λ over the rest', () => {
    const r = barycenterInputs({
      clouds: [cloud('A', 3), emptyCloud('B'), cloud('C', 4)],
      params: { lambdas: [0.2, 0.5, 0.3] },
    });
    expect(r.used).toEqual([0, 2]);
    expect(r.lambdas[0]).toBeCloseTo(0.4, 14);
    expect(r.lambdas[1]).toBeCloseTo(0.6, 14);
  });

  it('says why nothing is solved: fewer than two clouds with points, or no weight on them', () => {
    const one = barycenterInputs({ clouds: [cloud('A', 3), emptyCloud('B')], params: { lambdas: [] } });
    expect(one.problem).toMatch(/at least two clouds with points; only A has points/);
    expect(barycenterInputs({ clouds: [emptyCloud('A')], params: {} }).problem).toMatch(
      /no cloud has points/,
    );
    const zero = barycenterInputs({
      clouds: [cloud('A', 3), cloud('B', 3), emptyCloud('C')],
      params: { lambdas: [0, 0, 1] },
    });
    expect(zero.problem).toMatch(/weight 0/);
  });

  it('a λ of the wrong length falls back to equal weights, with the note', () => {
    const r = barycenterInputs({
      clouds: [cloud('A', 1), cloud('B', 1), cloud('C', 1)],
      params: { lambdas: [1, 2] },
    });
    expect(Array.from(r.lambdas)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(r.note).toMatch(/set for 2 clouds and there are 3/);
  });
});
