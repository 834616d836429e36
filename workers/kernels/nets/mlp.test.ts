import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { initMlp, Mlp, mlpLayers, mlpParamCount, newParams, silu, type MlpSpec } from './mlp.ts';

/** L = Σ_b Σ_o c_bo · out_bo for fixed random c: dL/dout = c, so backward gives ∇L exactly. */
function setup(spec: MlpSpec, n: number, seed: number) {
  const rand = randomLcg(seed);
  const mlp = new Mlp(spec, 8, 'f64');
  const params = newParams(spec, 'f64');
  initMlp(spec, params, rand);
  // Larger weights than the default init so every layer's nonlinearity matters.
  for (let k = 0; k < params.length; k++) params[k] *= 3;
  for (let e = 0; e < n * spec.inputs; e++) mlp.input[e] = 4 * rand() - 2;
  const c = Float64Array.from({ length: n * spec.outputs }, () => 2 * rand() - 1);
  const loss = (p: Float64Array) => {
    const out = mlp.forward(p, n);
    let s = 0;
    for (let e = 0; e < c.length; e++) s += c[e] * out[e];
    return s;
  };
  return { mlp, params: params as Float64Array, c, loss };
}

describe('Mlp', () => {
  it('lays out weights then biases per layer', () => {
    const spec = { inputs: 3, width: 5, depth: 2, outputs: 2 };
    expect(mlpLayers(spec)).toEqual([
      { fanIn: 3, fanOut: 5, w: 0, b: 15 },
      { fanIn: 5, fanOut: 5, w: 20, b: 45 },
      { fanIn: 5, fanOut: 2, w: 50, b: 60 },
    ]);
    expect(mlpParamCount(spec)).toBe(62);
    expect(mlpParamCount({ inputs: 3, width: 64, depth: 3, outputs: 2 })).toBe(8706);
  });

  it('computes the forward pass of a hand-sized network', () => {
    // 1 input, 1 hidden unit, 1 output: out = w2 · silu(w1 x + b1) + b2.
    const spec = { inputs: 1, width: 1, depth: 1, outputs: 1 };
    const mlp = new Mlp(spec, 2, 'f64');
    const p = Float64Array.from([0.5, -0.25, 2, 0.125]);
    mlp.input[0] = 1.5;
    mlp.input[1] = -3;
    const out = mlp.forward(p, 2);
    expect(out[0]).toBeCloseTo(2 * silu(0.5 * 1.5 - 0.25) + 0.125, 14);
    expect(out[1]).toBeCloseTo(2 * silu(0.5 * -3 - 0.25) + 0.125, 14);
  });

  it.each([
    ['square', { inputs: 3, width: 8, depth: 3, outputs: 2 }, 8],
    ['odd sizes and a partial batch', { inputs: 7, width: 5, depth: 2, outputs: 3 }, 5],
    ['one hidden layer, one sample', { inputs: 2, width: 6, depth: 1, outputs: 2 }, 1],
    // Away from the kinks ReLU is linear, so differences are exact there; the seeded points stay clear of z = 0.
    ['ReLU', { inputs: 2, width: 8, depth: 3, outputs: 3, activation: 'relu' as const }, 8],
  ])('has exact gradients (central differences, %s)', (_name, spec, n) => {
    const { mlp, params, c, loss } = setup(spec, n, 11);
    mlp.forward(params, n, true);
    mlp.dOutput.set(c);
    const grad = mlp.backward(params, n).slice();
    const h = 1e-5;
    let worst = 0;
    for (let k = 0; k < params.length; k++) {
      const keep = params[k];
      params[k] = keep + h;
      const up = loss(params);
      params[k] = keep - h;
      const down = loss(params);
      params[k] = keep;
      const fd = (up - down) / (2 * h);
      // Central differences are accurate to O(h²) ≈ 1e-10 here; rounding adds ~1e-16/h ≈ 1e-11.
      worst = Math.max(worst, Math.abs(fd - grad[k]) / Math.max(1, Math.abs(fd)));
    }
    expect(worst).toBeLessThan(1e-7);
    // And the gradient is not trivially zero.
    expect(Math.max(...Array.from(grad, Math.abs))).toBeGreaterThan(1e-2);
  });

  it('gives the same outputs in float32 as in float64, to float32 rounding', () => {
    const spec = { inputs: 3, width: 16, depth: 2, outputs: 2 };
    const p64 = newParams(spec, 'f64');
    initMlp(spec, p64, randomLcg(3));
    const m64 = new Mlp(spec, 4, 'f64');
    const m32 = new Mlp(spec, 4, 'f32');
    const p32 = Float32Array.from(p64);
    for (let e = 0; e < 12; e++) m64.input[e] = m32.input[e] = (e % 5) - 2;
    const o64 = m64.forward(Float64Array.from(p32), 4);
    const o32 = m32.forward(p32, 4);
    for (let e = 0; e < 8; e++) expect(Math.abs(o32[e] - o64[e])).toBeLessThan(1e-5);
  });

  it('computes a ReLU network by hand and exposes its hidden outputs', () => {
    // 1 input, 2 hidden units (one active, one cut), 1 output.
    const spec = { inputs: 1, width: 2, depth: 1, outputs: 1, activation: 'relu' as const };
    const mlp = new Mlp(spec, 1);
    // W1 = [2, -1], b1 = [0.5, 0.25], W2 = [3, 7], b2 = -1.
    const p = Float64Array.from([2, -1, 0.5, 0.25, 3, 7, -1]);
    mlp.input[0] = 1;
    expect(mlp.forward(p, 1)[0]).toBe(3 * 2.5 + 7 * 0 - 1);
    expect(Array.from(mlp.hiddenOutput(0).subarray(0, 2))).toEqual([2.5, 0]);
    expect(() => mlp.hiddenOutput(1)).toThrow(RangeError);
    expect(() => new Mlp({ ...spec, activation: 'tanh' as 'relu' }, 1)).toThrow(/activation/);
  });

  it('rejects a batch larger than the workspace and backward without a training forward', () => {
    const spec = { inputs: 3, width: 4, depth: 1, outputs: 2 };
    const mlp = new Mlp(spec, 4);
    const p = newParams(spec);
    expect(() => mlp.forward(p, 5)).toThrow(RangeError);
    mlp.forward(p, 4);
    expect(() => mlp.backward(p, 4)).toThrow(RangeError);
  });
});
