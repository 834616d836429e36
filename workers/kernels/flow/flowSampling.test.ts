import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { CloudDistribution, GaussianDistribution, NormalStream } from './flowSampling.ts';

function moments(x: Float64Array) {
  const n = x.length >> 1;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[2 * i] / n;
    my += x[2 * i + 1] / n;
  }
  let v = 0;
  for (let i = 0; i < n; i++) v += ((x[2 * i] - mx) ** 2 + (x[2 * i + 1] - my) ** 2) / n;
  return { mx, my, v };
}

describe('NormalStream and GaussianDistribution', () => {
  it('draws N(0, I) (moments of 20 000 draws within 4 standard errors)', () => {
    const out = new Float64Array(40_000);
    new GaussianDistribution().sample(out, 20_000, new NormalStream(randomLcg(1)));
    const { mx, my, v } = moments(out);
    // Standard errors: 1/√20000 ≈ 0.007 for a mean; √(2·2/20000)·... ≈ 0.014 for the total variance.
    expect(Math.abs(mx)).toBeLessThan(0.03);
    expect(Math.abs(my)).toBeLessThan(0.03);
    expect(Math.abs(v - 2)).toBeLessThan(0.06);
  });

  it('is reproducible from the seed', () => {
    const a = new Float64Array(10);
    const b = new Float64Array(10);
    new GaussianDistribution().sample(a, 5, new NormalStream(randomLcg(7)));
    new GaussianDistribution().sample(b, 5, new NormalStream(randomLcg(7)));
    expect(b).toEqual(a);
  });
});

describe('CloudDistribution', () => {
  const pts = Float64Array.from([0, 0, 1, 0, 0, 2, 5, 5]);

  it('draws the bare points with bandwidth 0, by weight, never a zero-weight point', () => {
    const w = Float64Array.from([1, 2, 1, 0]);
    const d = new CloudDistribution(pts, w, 0);
    const n = 40_000;
    const out = new Float64Array(2 * n);
    d.sample(out, n, new NormalStream(randomLcg(3)));
    const counts = [0, 0, 0, 0, 0]; // the last counts draws that are none of the points
    for (let k = 0; k < n; k++) {
      let i = 0;
      while (i < 4 && !(out[2 * k] === pts[2 * i] && out[2 * k + 1] === pts[2 * i + 1])) i++;
      counts[i]++;
    }
    expect(counts[4]).toBe(0);
    expect(counts[3]).toBe(0);
    // Expected 10 000 / 20 000 / 10 000; binomial standard deviation ≤ 100.
    expect(Math.abs(counts[0] - 10_000)).toBeLessThan(400);
    expect(Math.abs(counts[1] - 20_000)).toBeLessThan(400);
    expect(Math.abs(counts[2] - 10_000)).toBeLessThan(400);
  });

  it('states its mean and variance, the kernel adding 2h² to the variance', () => {
    const d = new CloudDistribution(pts, null, 0.5);
    expect(d.mean[0]).toBeCloseTo(1.5, 14);
    expect(d.mean[1]).toBeCloseTo(1.75, 14);
    // Σ|p − mean|²/4 = (2.25+3.0625 + 0.25+3.0625 + 2.25+0.0625 + 12.25+10.5625)/4 = 8.4375.
    expect(d.variance).toBeCloseTo(8.4375 + 0.5, 12);
    const n = 40_000;
    const out = new Float64Array(2 * n);
    d.sample(out, n, new NormalStream(randomLcg(9)));
    const m = moments(out);
    expect(Math.abs(m.mx - 1.5)).toBeLessThan(0.06);
    expect(Math.abs(m.my - 1.75)).toBeLessThan(0.06);
    expect(Math.abs(m.v - 8.9375) / 8.9375).toBeLessThan(0.03);
  });

  it('rejects bad input', () => {
    expect(() => new CloudDistribution(new Float64Array(0), null, 0)).toThrow(RangeError);
    expect(() => new CloudDistribution(pts, null, -1)).toThrow(RangeError);
    expect(() => new CloudDistribution(pts, new Float64Array(4), 0)).toThrow(RangeError);
    expect(() => new CloudDistribution(pts, new Float64Array(3), 0)).toThrow(RangeError);
  });
});
