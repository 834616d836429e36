/**
 * Seeded dataset generators: one declarative table that the app's "generate" menu, presets, tests
 * and the CLI read. Each entry turns { count, noise, seed, center, scale } into a point cloud:
 *
 *   point = center + scale · shape + noise · z,   z ~ N(0, I) truncated to |z_k| <= 4
 *
 * - The same options give bit-identical points in Node and in the browser (d3-random's LCG, see
 *   `datasets/random.ts`). The shape and the noise use separate streams of the seed, so changing
 *   only `noise` moves each point continuously along its own jitter direction.
 * - At scale 1 and centre 0 every noise-free shape lies inside [-box, box]² (`box` <= 2.5, so the
 *   stage's default view shows it); with noise, inside [-(scale·box + 4·noise), ...]² per axis
 *   around the centre.
 * - `count` must be an integer in 1..20000 (LIMITS.maxPointsPerCloud); bad options throw a
 *   RangeError with a message naming the option (the UI's controls never produce them).
 */
import { LIMITS } from './limits.ts';
import { textStrokes } from './datasets/font.ts';
import { truncatedNormal, uniformStream } from './datasets/random.ts';
import * as S from './datasets/shapes.ts';

/** Options of every generator. */
export interface DatasetOptions {
  /** Number of points, integer in 1..20000. */
  readonly count: number;
  /** Standard deviation of the additive Gaussian jitter, plane units (not scaled), >= 0. */
  readonly noise: number;
  /** Non-negative integer seed (< 2^32). */
  readonly seed: number;
  /** Where the shape's origin goes; default [0, 0]. */
  readonly center?: readonly [number, number];
  /** Uniform scale applied to the shape (not to the noise), > 0; default 1. */
  readonly scale?: number;
}

/** A generated cloud: `points` interleaved, length 2·count; `labels` (length count) for shapes with parts. */
export interface DatasetResult {
  readonly points: Float64Array;
  readonly labels?: Int32Array;
}

/** One row of the dataset table. */
export interface DatasetSpec {
  readonly id: string;
  /** Short name for a menu. */
  readonly label: string;
  /** One sentence for a tooltip. */
  readonly description: string;
  /** Half-width of the square (around the centre, at scale 1) the noise-free points stay in. */
  readonly box: number;
  /** A noise level that looks good by default, plane units. */
  readonly defaultNoise: number;
  /** Whether `generate` returns labels, and what they mean. */
  readonly labels?: string;
  /** Whether noise-free points lie exactly on a curve (rings, moons, outlines): see tests. */
  readonly curve: boolean;
  generate(options: DatasetOptions): DatasetResult;
}

/** Bounds on `count`. */
export const DATASET_COUNT_RANGE = { min: 1, max: LIMITS.maxPointsPerCloud } as const;

/** Throws a RangeError naming the first bad option. */
export function checkDatasetOptions(o: DatasetOptions): void {
  const { min, max } = DATASET_COUNT_RANGE;
  if (!Number.isInteger(o.count) || o.count < min || o.count > max) {
    throw new RangeError(`count must be an integer from ${min} to ${max} (got ${o.count})`);
  }
  if (!Number.isFinite(o.noise) || o.noise < 0)
    throw new RangeError(`noise must be a finite number >= 0 (got ${o.noise})`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 2 ** 32 - 1) {
    throw new RangeError(`seed must be an integer from 0 to ${2 ** 32 - 1} (got ${o.seed})`);
  }
  const scale = o.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0)
    throw new RangeError(`scale must be a finite number > 0 (got ${scale})`);
  if (o.center && !(Number.isFinite(o.center[0]) && Number.isFinite(o.center[1]))) {
    throw new RangeError('center must be two finite numbers');
  }
}

/** Runs a shape and applies centre, scale and noise (see the module comment). */
function place(shape: S.ShapeFn, o: DatasetOptions): DatasetResult {
  checkDatasetOptions(o);
  const shapeUniform = uniformStream(o.seed, 0);
  const r = shape(o.count, { uniform: shapeUniform, normal: truncatedNormal(shapeUniform) });
  const jitter = truncatedNormal(uniformStream(o.seed, 1));
  const scale = o.scale ?? 1;
  const [cx, cy] = o.center ?? [0, 0];
  const p = r.points;
  // Noise is always drawn, even at 0, so the stream (and each point's jitter direction) does
  // not depend on the noise level.
  for (let i = 0; i < p.length; i += 2) {
    p[i] = cx + scale * p[i] + o.noise * jitter();
    p[i + 1] = cy + scale * p[i + 1] + o.noise * jitter();
  }
  return r.labels ? { points: p, labels: r.labels } : { points: p };
}

type Row = Omit<DatasetSpec, 'generate'> & { readonly shape: S.ShapeFn };

const ROWS: readonly Row[] = [
  {
    id: 'gaussian',
    label: 'Gaussian',
    description: 'An isotropic Gaussian blob with standard deviation 0.5.',
    box: 2,
    defaultNoise: 0,
    curve: false,
    shape: S.gaussian,
  },
  {
    id: 'anisotropic',
    label: 'Anisotropic Gaussian',
    description: 'An elongated Gaussian (sd 0.6 by 0.15) rotated by 30 degrees.',
    box: 2.5,
    defaultNoise: 0,
    curve: false,
    shape: S.anisotropicGaussian,
  },
  {
    id: 'mixture8',
    label: '8 Gaussians',
    description: 'Eight small Gaussians evenly spaced on a circle of radius 1.6.',
    box: 2.1,
    defaultNoise: 0,
    labels: 'component 0-7 (point i is in component i mod 8)',
    curve: false,
    shape: S.mixture8,
  },
  {
    id: 'moons',
    label: 'Two moons',
    description: 'Two interleaved half circles, the classic clustering example.',
    box: 1.8,
    defaultNoise: 0.08,
    labels: 'moon 0 (upper) or 1 (lower)',
    curve: true,
    shape: S.moons,
  },
  {
    id: 'rings',
    label: 'Two rings',
    description: 'Two concentric circles of radii 0.8 and 1.8.',
    box: 1.8,
    defaultNoise: 0.05,
    labels: 'ring 0 (inner) or 1 (outer)',
    curve: true,
    shape: S.rings,
  },
  {
    id: 'spiral',
    label: 'Spiral',
    description: 'Two interleaved spiral arms of one and a half turns each.',
    box: 2,
    defaultNoise: 0.05,
    labels: 'arm 0 or 1',
    curve: true,
    shape: S.spiral,
  },
  {
    id: 'checkerboard',
    label: 'Checkerboard',
    description: 'Points spread uniformly over the dark cells of a 4 by 4 checkerboard.',
    box: 2,
    defaultNoise: 0,
    curve: false,
    shape: S.checkerboard,
  },
  {
    id: 'square',
    label: 'Uniform square',
    description: 'Points spread uniformly over a square of side 3.',
    box: 1.5,
    defaultNoise: 0,
    curve: false,
    shape: S.uniformSquare,
  },
  {
    id: 'disc',
    label: 'Uniform disc',
    description: 'Points spread uniformly over a disc of radius 1.5.',
    box: 1.5,
    defaultNoise: 0,
    curve: false,
    shape: S.uniformDisc,
  },
  {
    id: 'swissroll',
    label: 'Swiss roll',
    description: 'A rolled-up spiral band, the 2-D swiss roll.',
    box: 2.2,
    defaultNoise: 0.05,
    curve: true,
    shape: S.swissRoll,
  },
  {
    id: 'text-ot',
    label: 'Text "OT"',
    description: 'The letters O and T drawn with a stroke font and sampled along their strokes.',
    box: 2,
    defaultNoise: 0.03,
    labels: 'letter 0 (O) or 1 (T)',
    curve: true,
    shape: S.outline(S.TEXT_OT_STROKES),
  },
  {
    id: 'letter-f',
    label: 'Letter F',
    description: 'The letter F, whose mirror image differs, sampled along its strokes.',
    box: 1.5,
    defaultNoise: 0.03,
    curve: true,
    shape: S.outline(S.LETTER_F_STROKES),
  },
  {
    id: 'grid',
    label: 'Grid',
    description: 'A regular square grid over a square of side 3 (the seed only moves the noise).',
    box: 1.5,
    defaultNoise: 0,
    curve: false,
    shape: S.grid,
  },
  {
    id: 'circle',
    label: 'Circle',
    description: 'A circle of radius 1.5, points along its line.',
    box: 1.5,
    defaultNoise: 0.02,
    curve: true,
    shape: S.outline(S.CIRCLE_STROKES),
  },
  {
    id: 'square-outline',
    label: 'Square outline',
    description: 'The outline of a square of side 3.',
    box: 1.5,
    defaultNoise: 0.02,
    curve: true,
    shape: S.outline(S.SQUARE_OUTLINE_STROKES),
  },
  {
    id: 'cross',
    label: 'Cross',
    description: 'The outline of a plus sign, arms 1 wide reaching 1.5 from the centre.',
    box: 1.5,
    defaultNoise: 0.02,
    curve: true,
    shape: S.outline(S.CROSS_STROKES),
  },
  {
    id: 'heart',
    label: 'Heart',
    description: 'The outline of a heart.',
    box: 2,
    defaultNoise: 0.03,
    curve: true,
    shape: S.outline(S.HEART_STROKES),
  },
  {
    id: 'smiley',
    label: 'Smiley',
    description: 'A smiling face: outline, two eyes and a mouth.',
    box: 1.8,
    defaultNoise: 0.03,
    labels: 'part 0 (face), 1 (eyes) or 2 (mouth)',
    curve: true,
    shape: S.outline(S.SMILEY_STROKES),
  },
];

export { FONT_LETTERS } from './datasets/font.ts';

/** Every dataset, in menu order. Rows without a `labels` description return no labels. */
export const DATASETS: readonly DatasetSpec[] = ROWS.map(({ shape, ...row }) => ({
  ...row,
  generate: (options: DatasetOptions) => {
    const r = place(shape, options);
    return row.labels ? r : { points: r.points };
  },
}));

/** Looks a dataset up by id. */
export function findDataset(id: string): DatasetSpec | undefined {
  return DATASETS.find((d) => d.id === id);
}

/**
 * Points sampled along arbitrary text in the built-in stroke font (letters `FONT_LETTERS` and
 * spaces), fitted to [-2, 2] × [-1.5, 1.5] at scale 1; labels are letter indices.
 * @throws RangeError for a character the font lacks or bad options
 */
export function textDataset(text: string, options: DatasetOptions): DatasetResult {
  return place(S.outline(textStrokes(text)), options);
}
