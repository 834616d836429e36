import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { evaluateFlowSteps, powersOfTwo, straightnessSteps, w2Squared } from './flowMetrics.ts';
import type { VelocityField } from './flowModel.ts';
import { CloudDistribution, NormalStream } from './flowSampling.ts';
import { gaussianBlob } from './flowTestKit.ts';

const drain = <T>(gen: Generator<unknown, T>): T => {
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
};
const field = (f: (x: number, y: number, t: number) => [number, number]): VelocityField => ({
  velocity(x, n, t, out) {
    for (let i = 0; i < n; i++) [out[2 * i], out[2 * i + 1]] = f(x[2 * i], x[2 * i + 1], t);
  },
});

describe('straightness', () => {
  it('is zero for a constant field and measures a constant-speed turn', () => {
    const x0 = gaussianBlob(50, [0, 0], 1, 1);
    const flat = drain(
      straightnessSteps(
        field(() => [2, -1]),
        x0,
        10,
      ),
    );
    expect(flat.straightness).toBeLessThan(1e-24);
    expect(flat.meanSquaredDisplacement).toBeCloseTo(5, 12);
    // Rotation by 1 rad at unit speed from (1, 0): S = ∫|v|² − |x1 − x0|² = 1 − (2 − 2 cos 1).
    const turn = drain(
      straightnessSteps(
        field((x, y) => [-y, x]),
        Float64Array.from([1, 0]),
        200,
      ),
    );
    expect(turn.straightness).toBeCloseTo(2 * Math.cos(1) - 1, 2);
  });

  it('penalises a straight path travelled at a varying speed', () => {
    // v = (t, 0): straight paths, but not at constant speed; S = ∫ (1/2 − t)² dt = 1/12.
    const r = drain(
      straightnessSteps(
        field((_x, _y, t) => [t, 0]),
        Float64Array.from([0, 0]),
        200,
      ),
    );
    expect(r.straightness).toBeCloseTo(1 / 12, 3);
  });
});

describe('w2Squared', () => {
  it('is the squared shift between a cloud and its translate, and matches the identity at zero', () => {
    const x = gaussianBlob(60, [0, 0], 1, 2);
    const y = x.map((v, e) => v + (e % 2 === 0 ? 0.3 : -0.4));
    expect(w2Squared(x, y)).toBeCloseTo(0.25, 12);
    expect(w2Squared(x, x)).toBeCloseTo(0, 14);
  });
});

describe('evaluateFlowSteps', () => {
  it('reports the W2 curve, the floor and fractions in (0, 1]', () => {
    const target = new CloudDistribution(gaussianBlob(100, [3, 0], 0.5, 3), null, 0.05);
    const source = new CloudDistribution(gaussianBlob(100, [0, 0], 0.5, 4), null, 0.05);
    // The exact transport between the two clouds (a shift by 3) is a constant field.
    const gen = evaluateFlowSteps(
      field(() => [3, 0]),
      source,
      target,
      { seed: 1, sampleSize: 80, maxSteps: 8 },
    );
    let last = 0;
    let r = gen.next();
    while (!r.done) {
      expect(r.value).toBeGreaterThan(last);
      last = r.value;
      r = gen.next();
    }
    expect(last).toBeCloseTo(1, 12);
    const ev = r.value;
    expect(ev.w2.map((p) => p.steps)).toEqual([1, 2, 4, 8]);
    // A constant field: every step count lands on the same points.
    for (const p of ev.w2) expect(p.w2).toBeCloseTo(ev.w2[0].w2, 10);
    expect(ev.straightness).toBeLessThan(1e-20);
    expect(ev.sampleSize).toBe(80);
    // The samples it drew are reproducible from the seed: redo the floor by hand.
    const normal = new NormalStream(randomLcg(1));
    const x0 = new Float64Array(160);
    const y = new Float64Array(160);
    const y2 = new Float64Array(160);
    source.sample(x0, 80, normal);
    target.sample(y, 80, normal);
    target.sample(y2, 80, normal);
    expect(ev.w2Floor).toBe(w2Squared(y2, y));
  });

  it('lists powers of two', () => {
    expect(powersOfTwo(128)).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
    expect(powersOfTwo(100)).toEqual([1, 2, 4, 8, 16, 32, 64]);
  });
});
