import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { criticParamCount, initCritic, type CriticNetSpec } from './criticNet.ts';
import { CriticStepper, softplus, type CriticStepOptions } from './criticStep.ts';
import { naiveCritic } from './criticTestKit.ts';
import { clipWeights, RmsProp } from './rmsprop.ts';

const spec: CriticNetSpec = { width: 6, depth: 2, activation: 'leaky-relu' };
const B = 5;
const rand = randomLcg(7);
const theta = new Float64Array(criticParamCount(spec));
initCritic(spec, theta, rand, 1);
const rows = Float64Array.from({ length: 4 * B }, () => 3 * rand() - 1.5);

/** The stepper's loss at `params` (measured before its update) on the fixed rows, t ≡ 0.3. */
function stepAt(params: Float64Array, options: CriticStepOptions) {
  const s = new CriticStepper(spec, params.slice(), options, () => 0.3);
  s.source.set(rows.subarray(0, 2 * B));
  s.target.set(rows.subarray(2 * B));
  const loss = s.step().loss;
  return { loss, grad: s.net.grad.slice() };
}

describe('CriticStepper: the loss it reports and the gradient it follows agree', () => {
  const base = { lambda: 10, clip: 1, learningRate: 1e-3, batchSize: B };
  it.each([
    ['wasserstein with the gradient penalty', { ...base, objective: 'wasserstein', lipschitz: 'penalty' }],
    ['cross-entropy (discriminator)', { ...base, objective: 'cross-entropy', lipschitz: 'penalty' }],
  ] as [string, CriticStepOptions][])(
    '%s: central differences (h = 1e-6, 1e-7 of max |∂L/∂θ|)',
    (_n, options) => {
      // Away from the kinks: every pre-activation of every row and interpolate at least 1e-4 from 0.
      for (let r = 0; r < B; r++) {
        const [sx, sy, tx, ty] = [rows[2 * r], rows[2 * r + 1], rows[2 * B + 2 * r], rows[2 * B + 2 * r + 1]];
        for (const [px, py] of [
          [sx, sy],
          [tx, ty],
          [0.3 * tx + 0.7 * sx, 0.3 * ty + 0.7 * sy],
        ])
          expect(naiveCritic(spec, theta, px, py).minAbsZ).toBeGreaterThan(1e-4);
      }
      const { grad } = stepAt(theta, options);
      const h = 1e-6;
      let worst = 0;
      const p = theta.slice();
      for (let k = 0; k < p.length; k++) {
        p[k] = theta[k] + h;
        const up = stepAt(p, options).loss;
        p[k] = theta[k] - h;
        const down = stepAt(p, options).loss;
        p[k] = theta[k];
        worst = Math.max(worst, Math.abs((up - down) / (2 * h) - grad[k]));
      }
      const scale = Math.max(...grad.map(Math.abs));
      expect(scale).toBeGreaterThan(1e-3);
      expect(worst).toBeLessThan(1e-7 * scale);
    },
  );

  it('softplus is log(1 + eᶻ) without overflow', () => {
    expect(softplus(0)).toBeCloseTo(Math.LN2, 15);
    expect(softplus(800)).toBe(800);
    expect(softplus(-800)).toBe(0);
    expect(softplus(2)).toBeCloseTo(Math.log(1 + Math.exp(2)), 15);
  });
});

describe('RmsProp and clipping', () => {
  it('follows v ← αv + (1 − α)g², θ ← θ − lr g/(√v + ε) (two steps by hand)', () => {
    const opt = new RmsProp(2, { learningRate: 0.1, alpha: 0.9, epsilon: 1e-8 });
    const p = Float64Array.of(1, -2);
    opt.step(p, Float64Array.of(0.5, -1));
    // v = 0.1·g² → √v = 0.316…·|g|: the first step is lr/√0.1 ≈ 0.316 in the gradient's sign.
    expect(p[0]).toBeCloseTo(1 - (0.1 * 0.5) / (Math.sqrt(0.1 * 0.25) + 1e-8), 14);
    expect(p[1]).toBeCloseTo(-2 + (0.1 * 1) / (Math.sqrt(0.1) + 1e-8), 14);
    opt.step(p, Float64Array.of(0.5, 0));
    const v0 = 0.9 * 0.025 + 0.1 * 0.25;
    expect(p[0]).toBeCloseTo(
      1 - (0.1 * 0.5) / (Math.sqrt(0.025) + 1e-8) - (0.1 * 0.5) / (Math.sqrt(v0) + 1e-8),
      14,
    );
    expect(opt.v[1]).toBeCloseTo(0.09, 15);
    expect(() => new RmsProp(2, { learningRate: 0 })).toThrow(RangeError);
  });

  it('clipWeights clamps every entry to [−c, c]', () => {
    const p = Float64Array.of(-3, -0.01, 0, 0.005, 2);
    clipWeights(p, 0.01);
    expect(Array.from(p)).toEqual([-0.01, -0.01, 0, 0.005, 0.01]);
  });
});
