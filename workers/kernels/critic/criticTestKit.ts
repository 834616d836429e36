/**
 * Helpers shared by the critic tests: an independent, naive forward pass (plain loops over the
 * layer formulas, no shared buffers) and the smallest pre-activation magnitude it meets, which
 * tells a finite-difference test how far it is from a ReLU kink.
 */
import { mlpLayers } from '../nets/mlp.ts';
import { criticMlpSpec, negativeSlope, type CriticNetSpec } from './criticNet.ts';

/** f(x, y) and min |z| over every hidden pre-activation, by the textbook formulas. */
export function naiveCritic(
  spec: CriticNetSpec,
  params: Float64Array,
  x: number,
  y: number,
): { f: number; minAbsZ: number } {
  const layers = mlpLayers(criticMlpSpec(spec));
  const slope = negativeSlope(spec.activation);
  let h = [x, y];
  let minAbsZ = Infinity;
  for (let l = 0; l < layers.length; l++) {
    const { fanIn, fanOut, w, b } = layers[l];
    const z: number[] = [];
    for (let j = 0; j < fanOut; j++) {
      let s = params[b + j];
      for (let i = 0; i < fanIn; i++) s += params[w + j * fanIn + i] * h[i];
      z.push(s);
    }
    if (l === layers.length - 1) return { f: z[0], minAbsZ };
    for (const v of z) minAbsZ = Math.min(minAbsZ, Math.abs(v));
    h = z.map((v) => (v > 0 ? v : slope * v));
  }
  throw new Error('unreachable');
}

/** Interleaved points from [[x, y], ...]. */
export function flatPoints(points: readonly (readonly number[])[]): Float64Array {
  const out = new Float64Array(2 * points.length);
  points.forEach((p, i) => {
    out[2 * i] = p[0];
    out[2 * i + 1] = p[1];
  });
  return out;
}
