import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { MinibatchOt } from './flowCoupling.ts';

function randomPoints(n: number, seed: number, shift = 0): Float64Array {
  const r = randomLcg(seed);
  return Float64Array.from({ length: 2 * n }, () => 2 * r() - 1 + shift);
}

function pairingCost(x0: Float64Array, x1: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x0.length >> 1; i++)
    s += (x0[2 * i] - x1[2 * i]) ** 2 + (x0[2 * i + 1] - x1[2 * i + 1]) ** 2;
  return s / (x0.length >> 1);
}

function* permutations(n: number): Generator<number[]> {
  if (n === 1) return yield [0];
  for (const p of permutations(n - 1))
    for (let k = 0; k < n; k++) yield [...p.slice(0, k), n - 1, ...p.slice(k)];
}

describe('MinibatchOt', () => {
  it('re-pairs the batch by a permutation of the drawn targets, within blocks', () => {
    const n = 150;
    const x0 = randomPoints(n, 1);
    const drawn = randomPoints(n, 2, 0.7);
    const x1 = drawn.slice();
    const ot = new MinibatchOt(n, { block: 64 });
    const cost = ot.pair(x0, x1);
    const perm = Array.from(ot.perm);
    expect([...perm].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, k) => k));
    // Blocks [0, 64), [64, 128), [128, 150) are paired separately.
    expect(perm.every((j, i) => Math.floor(j / 64) === Math.floor(i / 64))).toBe(true);
    for (let i = 0; i < n; i++) {
      expect(x1[2 * i]).toBe(drawn[2 * perm[i]]);
      expect(x1[2 * i + 1]).toBe(drawn[2 * perm[i] + 1]);
    }
    expect(cost).toBeCloseTo(pairingCost(x0, x1), 12);
    // Better than the pairing as drawn, by a wide margin for independent draws.
    expect(cost).toBeLessThan(0.7 * pairingCost(x0, drawn));
  });

  it('finds the optimal pairing (brute force over 7! permutations)', () => {
    const n = 7;
    const x0 = randomPoints(n, 5);
    const x1 = randomPoints(n, 6);
    let best = Infinity;
    for (const p of permutations(n)) {
      let s = 0;
      for (let i = 0; i < n; i++)
        s += (x0[2 * i] - x1[2 * p[i]]) ** 2 + (x0[2 * i + 1] - x1[2 * p[i] + 1]) ** 2;
      best = Math.min(best, s / n);
    }
    for (const method of ['network-simplex', 'assignment'] as const) {
      expect(new MinibatchOt(n, { method }).pair(x0, x1.slice())).toBeCloseTo(best, 12);
    }
  });

  it('gives the same optimal cost with either exact algorithm on a full batch of 128', () => {
    const x0 = randomPoints(128, 8);
    const x1 = randomPoints(128, 9, 0.3);
    const a = new MinibatchOt(128, { block: 128, method: 'assignment' }).pair(x0, x1.slice());
    const b = new MinibatchOt(128, { block: 128, method: 'network-simplex' }).pair(x0, x1.slice());
    expect(a).toBeCloseTo(b, 12);
  });
});
