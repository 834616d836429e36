import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { clampIcnn, Icnn, icnnLayout, initIcnn } from './icnn.ts';

const SPEC = { width: 6, depth: 3 };

/** Parameters away from the near-identity start, so every term of the network matters. */
function randomParams(seed: number): Float64Array {
  const rand = randomLcg(seed);
  const p = initIcnn(SPEC, rand);
  for (let k = 0; k < p.length; k++) p[k] += 0.6 * (rand() - 0.5);
  clampIcnn(icnnLayout(SPEC), p);
  // A non-trivial output layer (the initial one is tiny on purpose).
  const L = icnnLayout(SPEC);
  for (let k = 0; k < SPEC.width; k++) p[L.a + k] = 0.2 + rand();
  return p;
}

describe('icnnLayout and initIcnn', () => {
  it('counts every parameter once', () => {
    const L = icnnLayout({ width: 4, depth: 2 });
    // layer 0: W 8 + b 4; layer 1: A 16 + W 8 + b 4; a 4, c 2, B 4
    expect(L.size).toBe(8 + 4 + 16 + 8 + 4 + 4 + 2 + 4);
    expect(() => icnnLayout({ width: 0, depth: 1 })).toThrow(RangeError);
  });

  it('starts as |x|²/2: the gradient is the identity within 1e-3', () => {
    const net = new Icnn(SPEC);
    const p = initIcnn(SPEC, randomLcg(1));
    const g = new Float64Array(2);
    const rand = randomLcg(2);
    for (let t = 0; t < 20; t++) {
      const x0 = 6 * rand() - 3;
      const x1 = 6 * rand() - 3;
      net.valueAndGradient(p, x0, x1, g);
      expect(Math.abs(g[0] - x0)).toBeLessThan(1e-3);
      expect(Math.abs(g[1] - x1)).toBeLessThan(1e-3);
    }
  });
});

describe('Icnn derivatives', () => {
  const net = new Icnn(SPEC);
  const p = randomParams(7);
  const F = (q: Float64Array, x0: number, x1: number) => net.forward(q, x0, x1);

  it('∇_x F matches central differences (relative 1e-6)', () => {
    const rand = randomLcg(3);
    const g = new Float64Array(2);
    const h = 1e-5;
    for (let t = 0; t < 10; t++) {
      const x0 = 4 * rand() - 2;
      const x1 = 4 * rand() - 2;
      net.valueAndGradient(p, x0, x1, g);
      const d0 = (F(p, x0 + h, x1) - F(p, x0 - h, x1)) / (2 * h);
      const d1 = (F(p, x0, x1 + h) - F(p, x0, x1 - h)) / (2 * h);
      expect(Math.abs(g[0] - d0)).toBeLessThan(1e-6 * (1 + Math.abs(d0)));
      expect(Math.abs(g[1] - d1)).toBeLessThan(1e-6 * (1 + Math.abs(d1)));
    }
  });

  it('the forward tangent is ∇F · v', () => {
    const g = new Float64Array(2);
    const out = new Float64Array(2);
    net.valueAndGradient(p, 0.3, -0.7, g);
    net.forward(p, 0.3, -0.7, 1.5, 0.25, true, out);
    expect(out[1]).toBeCloseTo(1.5 * g[0] + 0.25 * g[1], 12);
  });

  it('α ∂F/∂θ + β ∂(∇F·v)/∂θ matches central differences for every parameter', () => {
    const [x0, x1, v0, v1] = [0.4, -1.1, 0.8, 0.6];
    const alpha = 0.7;
    const beta = -1.3;
    const objective = (q: Float64Array) => {
      const out = new Float64Array(2);
      net.forward(q, x0, x1, v0, v1, true, out);
      return alpha * out[0] + beta * out[1];
    };
    const grad = new Float64Array(p.length);
    net.forward(p, x0, x1, v0, v1, true);
    net.backward(p, alpha, beta, grad);
    const h = 1e-6;
    let worst = 0;
    for (let k = 0; k < p.length; k++) {
      const q = p.slice();
      q[k] += h;
      const up = objective(q);
      q[k] -= 2 * h;
      const down = objective(q);
      const fd = (up - down) / (2 * h);
      worst = Math.max(worst, Math.abs(grad[k] - fd) / (1 + Math.abs(fd)));
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it('backward accumulates (two calls give twice the gradient)', () => {
    const once = new Float64Array(p.length);
    net.forward(p, 0.2, 0.1, 1, 0, true);
    net.backward(p, 1, 1, once);
    const twice = new Float64Array(p.length);
    net.backward(p, 1, 1, twice);
    net.backward(p, 1, 1, twice);
    for (let k = 0; k < p.length; k++) expect(twice[k]).toBeCloseTo(2 * once[k], 12);
  });
});

describe('Icnn convexity', () => {
  it('second differences along random lines are >= 0 (trained-like random parameters)', () => {
    const net = new Icnn(SPEC);
    for (const seed of [11, 12, 13]) {
      const p = randomParams(seed);
      const rand = randomLcg(seed + 100);
      let min = Infinity;
      for (let line = 0; line < 40; line++) {
        const [px, py] = [6 * rand() - 3, 6 * rand() - 3];
        const angle = 2 * Math.PI * rand();
        const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
        const h = 0.05;
        for (let s = -40; s <= 40; s++) {
          const at = (u: number) => net.forward(p, px + u * dx, py + u * dy);
          const t = s * h;
          min = Math.min(min, at(t + h) - 2 * at(t) + at(t - h));
        }
      }
      // Exact convexity; the slack is rounding in F (|F| ~ 10, ulp ~ 2e-15).
      expect(min).toBeGreaterThan(-1e-12);
    }
  });

  it('a negative hidden-to-hidden weight can break convexity, so the clamp matters', () => {
    // A one-unit second layer fed by a negative weight: z_1 = σ(−σ(x)·k), concave somewhere.
    const spec = { width: 1, depth: 2 };
    const L = icnnLayout(spec);
    const p = new Float64Array(L.size);
    p[L.W[0]] = 3; // h_0 = 3 x0
    p[L.A[1]] = -4; // h_1 = −4 z_0
    p[L.a] = 1;
    const net = new Icnn(spec);
    const at = (u: number) => net.forward(p, u, 0);
    let min = Infinity;
    for (let t = -3; t <= 3; t += 0.05) min = Math.min(min, at(t + 0.05) - 2 * at(t) + at(t - 0.05));
    expect(min).toBeLessThan(-1e-4);
    clampIcnn(L, p);
    min = Infinity;
    for (let t = -3; t <= 3; t += 0.05) min = Math.min(min, at(t + 0.05) - 2 * at(t) + at(t - 0.05));
    expect(min).toBeGreaterThan(-1e-12);
  });
});
