/**
 * Seeded labelled clouds for the classifier and fusion tests (kernels and their tests may not
 * import src/, so the shapes are generated here).
 */
import { randomLcg } from 'd3-random';
import { subSeed } from '../flow/flow.ts';
import { NormalStream } from '../flow/flowSampling.ts';

/** A labelled cloud: interleaved points (length 2n) and one integer class per point. */
export interface LabelledCloud {
  points: Float64Array;
  labels: Int32Array;
}

/**
 * `perClass` points on each of `classes` interleaved spiral arms (default three spirals). Arm c,
 * parameter t ~ U[0, 1]: radius t, angle 2πc/classes + turns·2πt, plus N(0, noise²) jitter per
 * coordinate. Labels are the arm index; points are ordered arm by arm.
 */
export function spirals(
  perClass: number,
  seed: number,
  options: { classes?: number; turns?: number; noise?: number } = {},
): LabelledCloud {
  const classes = options.classes ?? 3;
  const turns = options.turns ?? 0.75;
  const noise = options.noise ?? 0.03;
  const normal = new NormalStream(randomLcg(subSeed(seed, 0)));
  const n = perClass * classes;
  const points = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  for (let c = 0; c < classes; c++) {
    for (let k = 0; k < perClass; k++) {
      const i = c * perClass + k;
      const t = normal.uniform();
      const angle = (2 * Math.PI * c) / classes + turns * 2 * Math.PI * t;
      points[2 * i] = t * Math.cos(angle) + noise * normal.next();
      points[2 * i + 1] = t * Math.sin(angle) + noise * normal.next();
      labels[i] = c;
    }
  }
  return { points, labels };
}

/** `perClass` points of N(center_c, sigma² I) for each given centre; label c for centre c. */
export function blobs(
  perClass: number,
  centers: readonly (readonly [number, number])[],
  sigma: number,
  seed: number,
): LabelledCloud {
  const normal = new NormalStream(randomLcg(subSeed(seed, 0)));
  const n = perClass * centers.length;
  const points = new Float64Array(2 * n);
  const labels = new Int32Array(n);
  centers.forEach(([cx, cy], c) => {
    for (let k = 0; k < perClass; k++) {
      const i = c * perClass + k;
      points[2 * i] = cx + sigma * normal.next();
      points[2 * i + 1] = cy + sigma * normal.next();
      labels[i] = c;
    }
  });
  return { points, labels };
}
