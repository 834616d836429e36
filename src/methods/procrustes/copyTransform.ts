/**
 * "Copy and transform": a target made from the source by a known similarity plus noise, so a class
 * can watch Procrustes recover the motion it was given. Pure: randomness comes in as a seeded
 * uniform generator.
 */
import { randomNormal } from 'd3-random';
import type { Cloud } from '../../scenario/types.ts';

/** The motion to apply: y = scale · R(angle) x + shift + noise · z, z ~ N(0, I). */
export interface CopyTransformOptions {
  /** Rotation about the origin, degrees, counter-clockwise. */
  angleDeg: number;
  /** Uniform scale, > 0. */
  scale: number;
  /** Translation, plane units. */
  shiftX: number;
  shiftY: number;
  /** Standard deviation of the Gaussian noise added to each coordinate, plane units, >= 0. */
  noise: number;
  /** Put the copies in a random order, so point k of the target is no longer point k of the source. */
  shuffle: boolean;
}

/** Defaults of the panel's controls: a visible turn and shift, a little noise. */
export const COPY_TRANSFORM_DEFAULTS: CopyTransformOptions = {
  angleDeg: 40,
  scale: 1,
  shiftX: 1.5,
  shiftY: 0.5,
  noise: 0.02,
  shuffle: false,
};

/**
 * The source moved by the options' similarity (about the origin, so the fitted rotation, scale
 * and translation equal the entered angle, scale and shift when there is no noise), with noise.
 * Weights and labels travel with their points (permuted too when shuffling).
 * @param random uniform [0, 1) generator, e.g. d3-random's `randomLcg(seed)`; drives noise and order
 * @returns a new cloud with as many points as `source`
 */
export function copyAndTransform(source: Cloud, o: CopyTransformOptions, random: () => number): Cloud {
  const n = source.points.length >> 1;
  const theta = (o.angleDeg * Math.PI) / 180;
  const c = o.scale * Math.cos(theta);
  const s = o.scale * Math.sin(theta);
  const gauss = randomNormal.source(random)(0, 1);
  const order = Int32Array.from({ length: n }, (_, k) => k);
  if (o.shuffle) {
    for (let k = n - 1; k > 0; k--) {
      const r = Math.floor(random() * (k + 1));
      [order[k], order[r]] = [order[r], order[k]];
    }
  }
  const p = source.points;
  const points = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const x = p[2 * i];
    const y = p[2 * i + 1];
    points[2 * k] = c * x - s * y + o.shiftX + (o.noise > 0 ? o.noise * gauss() : 0);
    points[2 * k + 1] = s * x + c * y + o.shiftY + (o.noise > 0 ? o.noise * gauss() : 0);
  }
  const permute = <T extends Float64Array | Int32Array>(a: T | null): T | null => {
    if (!a) return null;
    const out = a.slice() as T;
    for (let k = 0; k < n; k++) out[k] = a[order[k]];
    return out;
  };
  return { name: source.name, points, weights: permute(source.weights), labels: permute(source.labels) };
}
