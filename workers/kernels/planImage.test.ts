import { describe, expect, it } from 'vitest';
import { planImage, planImageDense, principalOrder } from './planImage.ts';

describe('planImage', () => {
  it('shows a monotone permutation as the diagonal', () => {
    // Points on a line; the plan maps source k to target (reversed index) 4-k.
    const x = Float64Array.from([0, 0, 1, 0, 2, 0, 3, 0, 4, 0]);
    const plan = {
      i: Int32Array.from([0, 1, 2, 3, 4]),
      j: Int32Array.from([4, 3, 2, 1, 0]),
      mass: new Float64Array(5).fill(0.2),
    };
    const img = planImage(plan, x, 5);
    expect(img.rows).toBe(5);
    expect(img.cols).toBe(5);
    for (let r = 0; r < 5; r++)
      for (let c = 0; c < 5; c++) expect(img.cells[r * 5 + c]).toBeCloseTo(r === c ? 0.2 : 0, 6);
    expect(img.max).toBeCloseTo(0.2, 6);
  });

  it('downsampling keeps the total mass', () => {
    const n = 300;
    const x = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) x[2 * k] = Math.sin(k);
    const plan = { i: new Int32Array(n), j: new Int32Array(n), mass: new Float64Array(n).fill(1 / n) };
    for (let k = 0; k < n; k++) {
      plan.i[k] = k;
      plan.j[k] = (k * 7) % n;
    }
    const img = planImage(plan, x, n, 64);
    expect(img.rows).toBe(64);
    let total = 0;
    for (const v of img.cells) total += v;
    expect(total).toBeCloseTo(1, 5);
  });

  it('ignores entries out of range (a stale plan after an edit)', () => {
    const x = Float64Array.from([0, 0, 1, 1]);
    const plan = {
      i: Int32Array.from([0, 5]),
      j: Int32Array.from([0, 0]),
      mass: Float64Array.from([0.5, 0.5]),
    };
    const img = planImage(plan, x, 1);
    expect(img.cells[0] + img.cells[1]).toBeCloseTo(0.5, 6);
  });

  it('the dense and sparse forms agree', () => {
    const x = Float64Array.from([0, 0, 1, 0.2, 2, -0.1]);
    const dense = Float64Array.from([0.2, 0.1, 0, 0, 0.3, 0.05, 0.05, 0, 0.3]);
    const sparse = { i: new Int32Array(0), j: new Int32Array(0), mass: new Float64Array(0) };
    const I: number[] = [];
    const J: number[] = [];
    const M: number[] = [];
    dense.forEach((v, k) => {
      if (v > 0) {
        I.push(Math.floor(k / 3));
        J.push(k % 3);
        M.push(v);
      }
    });
    sparse.i = Int32Array.from(I);
    sparse.j = Int32Array.from(J);
    sparse.mass = Float64Array.from(M);
    expect(Array.from(planImageDense(dense, x, 3).cells)).toEqual(Array.from(planImage(sparse, x, 3).cells));
  });

  it('orders points along the principal axis', () => {
    // A diagonal line, listed out of order.
    const x = Float64Array.from([2, 2, 0, 0, 1, 1, -1, -1]);
    expect(Array.from(principalOrder(x))).toEqual([3, 1, 2, 0]);
  });
});
