import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import {
  CriticNet,
  criticMlpSpec,
  criticParamCount,
  initCritic,
  type Activation,
  type CriticNetSpec,
  type Penalty,
  type PenaltyKind,
} from './criticNet.ts';
import gp00 from '../fixtures/critic_00_gp_relu.json';
import gp01 from '../fixtures/critic_01_gp_leaky_onesided.json';
import { mlpLayers } from '../nets/mlp.ts';
import { flatPoints, naiveCritic } from './criticTestKit.ts';

/** A problem: data rows with loss weights c (source +1/nS, target −1/nT) and penalty rows. */
function problem(spec: CriticNetSpec, seed: number, nS: number, nT: number, P: number) {
  const rand = randomLcg(seed);
  const params = new Float64Array(criticParamCount(spec));
  initCritic(spec, params, rand, 1);
  const pts = (k: number, shift: number) =>
    Float64Array.from({ length: 2 * k }, () => 3 * rand() - 1.5 + shift);
  const src = pts(nS, -0.5);
  const tgt = pts(nT, 0.5);
  const interp = pts(P, 0);
  const c = new Float64Array(nS + nT);
  for (let r = 0; r < nS + nT; r++) c[r] = r < nS ? 1 / nS : -1 / nT;
  return { params, src, tgt, interp, c, rows: nS + nT };
}

/**
 * The penalised loss Σ c_r f(x_r) + λ/P Σ φ(‖∇f(x̂)‖), computed with first-order passes only
 * (forward and input gradient), so that it is independent of `backward`.
 */
function lossOf(spec: CriticNetSpec, p: ReturnType<typeof problem>, penalty: Penalty, params: Float64Array) {
  const net = new CriticNet(spec, 64);
  const P = p.interp.length / 2;
  net.input.set(p.interp);
  net.forward(params, P, true);
  const g = net.inputGradient(params, P);
  let loss = 0;
  for (let r = 0; r < P; r++) {
    const s = Math.hypot(g[2 * r], g[2 * r + 1]) - 1;
    const e = penalty.kind === 'one-sided' ? Math.max(0, s) : s;
    loss += (penalty.lambda / P) * e * e;
  }
  net.input.set(p.src);
  net.input.set(p.tgt, p.src.length);
  const f = net.forward(params, p.rows);
  for (let r = 0; r < p.rows; r++) loss += p.c[r] * f[r];
  return loss;
}

/** Our analytic gradient: penalty rows first, then the data rows. */
function analytic(spec: CriticNetSpec, p: ReturnType<typeof problem>, penalty: Penalty) {
  const P = p.interp.length / 2;
  const net = new CriticNet(spec, 64);
  net.input.set(p.interp);
  net.input.set(p.src, 2 * P);
  net.input.set(p.tgt, 2 * P + p.src.length);
  net.forward(p.params, P + p.rows, true);
  net.dOutput.set(p.c, P);
  const value = net.backward(p.params, P + p.rows, P, penalty);
  return { grad: net.grad.slice(), value };
}

describe('CriticNet forward and input gradient', () => {
  it.each(['relu', 'leaky-relu'] as const)(
    '%s: forward matches the textbook formula (1e-14)',
    (activation) => {
      const spec = { width: 7, depth: 3, activation };
      const p = problem(spec, 3, 6, 5, 1);
      const net = new CriticNet(spec, 8);
      net.input.set(p.src);
      const f = net.forward(p.params, 6);
      for (let r = 0; r < 6; r++) {
        const ref = naiveCritic(spec, p.params, p.src[2 * r], p.src[2 * r + 1]).f;
        expect(Math.abs(f[r] - ref)).toBeLessThan(1e-14 * (1 + Math.abs(ref)));
      }
    },
  );

  it.each(['relu', 'leaky-relu'] as const)('%s: ∇ₓf matches central differences (1e-8)', (activation) => {
    const spec = { width: 16, depth: 2, activation };
    const p = problem(spec, activation === 'relu' ? 5 : 6, 10, 1, 1);
    const net = new CriticNet(spec, 16);
    net.input.set(p.src);
    net.forward(p.params, 10, true);
    const g = net.inputGradient(p.params, 10).slice(0, 20);
    const h = 1e-6;
    for (let r = 0; r < 10; r++) {
      const [x, y] = [p.src[2 * r], p.src[2 * r + 1]];
      // Kinks farther than 1e-4 (in z) from x: a step of 1e-6 (moving z by ~1e-6) crosses none.
      expect(naiveCritic(spec, p.params, x, y).minAbsZ).toBeGreaterThan(1e-4);
      const fx =
        (naiveCritic(spec, p.params, x + h, y).f - naiveCritic(spec, p.params, x - h, y).f) / (2 * h);
      const fy =
        (naiveCritic(spec, p.params, x, y + h).f - naiveCritic(spec, p.params, x, y - h).f) / (2 * h);
      expect(Math.abs(g[2 * r] - fx)).toBeLessThan(1e-8);
      expect(Math.abs(g[2 * r + 1] - fy)).toBeLessThan(1e-8);
    }
  });
});

describe('CriticNet.backward: gradient of the penalised loss', () => {
  const cases: [string, CriticNetSpec, PenaltyKind, number, number][] = [
    ['ReLU 2-8-8-8-1, two-sided', { width: 8, depth: 3, activation: 'relu' }, 'two-sided', 11, 2],
    ['leaky 2-8-8-8-1, two-sided', { width: 8, depth: 3, activation: 'leaky-relu' }, 'two-sided', 12, 2],
    ['ReLU 2-12-1, one-sided', { width: 12, depth: 1, activation: 'relu' }, 'one-sided', 13, 2],
    ['leaky 2-6-6-1, one-sided', { width: 6, depth: 2, activation: 'leaky-relu' }, 'one-sided', 14, 4],
  ];
  it.each(cases)(
    '%s: matches central differences (h = 1e-6, 1e-8 of max |∂L/∂θ|)',
    (_n, spec, kind, seed, gain) => {
      const p = problem(spec, seed, 5, 4, 6);
      // Larger weights than the default init so that the gradient norms straddle 1 (both branches
      // of the one-sided φ are exercised).
      for (let k = 0; k < p.params.length; k++) p.params[k] *= gain;
      const penalty = { kind, lambda: 10 };
      // Away from kinks: every pre-activation at least 1e-4 from 0, for every point of the loss.
      const all = [p.src, p.tgt, p.interp];
      for (const pts of all)
        for (let r = 0; r < pts.length / 2; r++)
          expect(naiveCritic(spec, p.params, pts[2 * r], pts[2 * r + 1]).minAbsZ).toBeGreaterThan(1e-4);
      const { grad, value } = analytic(spec, p, penalty);
      const h = 1e-6;
      const theta = p.params.slice();
      let worst = 0;
      let scale = 0;
      for (let k = 0; k < theta.length; k++) {
        theta[k] = p.params[k] + h;
        const up = lossOf(spec, p, penalty, theta);
        theta[k] = p.params[k] - h;
        const down = lossOf(spec, p, penalty, theta);
        theta[k] = p.params[k];
        worst = Math.max(worst, Math.abs((up - down) / (2 * h) - grad[k]));
        scale = Math.max(scale, Math.abs(grad[k]));
      }
      expect(value).toBeGreaterThan(0);
      expect(scale).toBeGreaterThan(1e-2);
      expect(worst).toBeLessThan(1e-8 * scale);
    },
  );

  it('the penalty alone has zero bias gradients (masks are locally constant)', () => {
    const spec: CriticNetSpec = { width: 8, depth: 2, activation: 'leaky-relu' };
    const p = problem(spec, 21, 1, 1, 7);
    const net = new CriticNet(spec, 8);
    net.input.set(p.interp);
    net.forward(p.params, 7, true);
    net.backward(p.params, 7, 7, { kind: 'two-sided', lambda: 10 });
    for (const { b, fanOut } of mlpLayers(criticMlpSpec(spec)))
      for (let j = 0; j < fanOut; j++) expect(net.grad[b + j]).toBe(0);
    expect(Math.max(...net.grad.map(Math.abs))).toBeGreaterThan(1e-3);
  });
});

describe('CriticNet.backward against PyTorch autograd (create_graph=True), float64', () => {
  for (const ref of [gp00, gp01]) {
    it(`${ref.id}: loss, penalty and every parameter's gradient within ${ref.tolerance.rel} relative`, () => {
      const { params: sp, clouds } = ref.scenario;
      const spec: CriticNetSpec = {
        width: sp.width,
        depth: sp.depth,
        activation: sp.activation as Activation,
      };
      const penalty: Penalty = { kind: sp.penalty as PenaltyKind, lambda: sp.lambda };
      const params = Float64Array.from(sp.weights);
      const [src, tgt, interp] = clouds.map((c) => flatPoints(c.points));
      const nS = src.length / 2;
      const nT = tgt.length / 2;
      const P = interp.length / 2;
      const tol = ref.tolerance.rel;
      const net = new CriticNet(spec, P + nS + nT);
      const close = (ours: ArrayLike<number>, theirs: readonly number[]) => {
        const scale = Math.max(...theirs.map(Math.abs));
        for (let k = 0; k < theirs.length; k++)
          expect(Math.abs(ours[k] - theirs[k])).toBeLessThanOrEqual(tol * scale);
      };

      // The penalty alone (no data rows).
      net.input.set(interp);
      net.forward(params, P, true);
      const pen = net.backward(params, P, P, penalty);
      expect(Math.abs(pen - ref.expect.penalty)).toBeLessThan(tol * ref.expect.penalty);
      close(net.gradNorm, ref.expect.gradNorms);
      close(net.grad, ref.expect.gradPenalty);

      // The whole critic loss: −(mean f(target) − mean f(source)) + penalty.
      net.input.set(interp);
      net.input.set(src, 2 * P);
      net.input.set(tgt, 2 * (P + nS));
      const f = net.forward(params, P + nS + nT, true);
      let value = 0;
      for (let r = 0; r < nS; r++) value -= f[P + r] / nS;
      for (let r = 0; r < nT; r++) value += f[P + nS + r] / nT;
      for (let r = 0; r < nS + nT; r++) net.dOutput[P + r] = r < nS ? 1 / nS : -1 / nT;
      const pen2 = net.backward(params, P + nS + nT, P, penalty);
      expect(Math.abs(value - ref.expect.value)).toBeLessThan(tol * Math.abs(ref.expect.value));
      expect(Math.abs(pen2 - value - ref.expect.loss)).toBeLessThan(tol * Math.abs(ref.expect.loss));
      close(net.grad, ref.expect.gradLoss);
    });
  }
});
