/**
 * The noise-free shapes behind the dataset table, at scale 1 and centred on the origin. Each takes
 * a count and a seeded shape stream and returns interleaved points (length 2·count) and, where the
 * shape has parts, labels. `datasets.ts` adds centre, scale and noise. Every shape documents the
 * half-width of the square box it stays inside (Gaussians are truncated at 4 standard deviations).
 */
import type { Uniform } from './random.ts';
import { textStrokes } from './font.ts';
import { arcVertices, sampleStrokes, type Stroke } from './strokes.ts';

/** The seeded randomness a shape may draw from. */
export interface ShapeRandom {
  readonly uniform: Uniform;
  /** Standard normal, truncated to |z| <= 4. */
  readonly normal: () => number;
}
/** A generated cloud: interleaved points and optional labels (one per point). */
export interface Shape {
  readonly points: Float64Array;
  readonly labels?: Int32Array;
}
export type ShapeFn = (count: number, rand: ShapeRandom) => Shape;

const TAU = 2 * Math.PI;

/** Isotropic Gaussian, standard deviation 0.5. Box 2. */
export const gaussian: ShapeFn = (count, { normal }) => {
  const points = new Float64Array(2 * count);
  for (let k = 0; k < 2 * count; k++) points[k] = 0.5 * normal();
  return { points };
};

/** Rotation of the anisotropic Gaussian's long axis, radians (30 degrees). */
export const ANISOTROPIC_ANGLE = Math.PI / 6;
/** Standard deviations along the long and short axes of the anisotropic Gaussian. */
export const ANISOTROPIC_SD = [0.6, 0.15] as const;

/** Elongated Gaussian, sd 0.6 along an axis at 30 degrees and 0.15 across it. Box 2.5. */
export const anisotropicGaussian: ShapeFn = (count, { normal }) => {
  const c = Math.cos(ANISOTROPIC_ANGLE);
  const s = Math.sin(ANISOTROPIC_ANGLE);
  const points = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const u = ANISOTROPIC_SD[0] * normal();
    const v = ANISOTROPIC_SD[1] * normal();
    points[2 * i] = c * u - s * v;
    points[2 * i + 1] = s * u + c * v;
  }
  return { points };
};

/** Radius of the circle the eight Gaussians sit on, and their standard deviation. */
export const MIXTURE_RADIUS = 1.6;
export const MIXTURE_SD = 0.12;

/** Eight Gaussians (sd 0.12) evenly on a circle of radius 1.6; point i is in component i mod 8. Box 2.1. */
export const mixture8: ShapeFn = (count, { normal }) => {
  const points = new Float64Array(2 * count);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % 8;
    const a = (TAU * k) / 8;
    points[2 * i] = MIXTURE_RADIUS * Math.cos(a) + MIXTURE_SD * normal();
    points[2 * i + 1] = MIXTURE_RADIUS * Math.sin(a) + MIXTURE_SD * normal();
    labels[i] = k;
  }
  return { points, labels };
};

/** Radius of each moon, and the offset that centres the pair on the origin. */
export const MOON_RADIUS = 1.2;

/**
 * Two interleaved half circles of radius 1.2 (scikit-learn's moons, scaled and centred): label 0
 * is the upper moon centred at (-0.6, -0.3), label 1 the lower one centred at (0.6, 0.3). Box 1.8.
 */
export const moons: ShapeFn = (count, { uniform }) => {
  const r = MOON_RADIUS;
  const points = new Float64Array(2 * count);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const t = Math.PI * uniform();
    const k = i % 2;
    labels[i] = k;
    if (k === 0) {
      points[2 * i] = -r / 2 + r * Math.cos(t);
      points[2 * i + 1] = -r / 4 + r * Math.sin(t);
    } else {
      points[2 * i] = r / 2 - r * Math.cos(t);
      points[2 * i + 1] = r / 4 - r * Math.sin(t);
    }
  }
  return { points, labels };
};

/** Radii of the two concentric rings. */
export const RING_RADII = [0.8, 1.8] as const;

/**
 * Two concentric circles (radii 0.8 and 1.8); points are split in proportion to circumference so
 * both rings are equally dense. Label 0 inner, 1 outer; inner points come first. Box 1.8.
 */
export const rings: ShapeFn = (count, { uniform }) => {
  const [r0, r1] = RING_RADII;
  const inner = Math.round((count * r0) / (r0 + r1));
  const points = new Float64Array(2 * count);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const k = i < inner ? 0 : 1;
    const r = k === 0 ? r0 : r1;
    const a = TAU * uniform();
    points[2 * i] = r * Math.cos(a);
    points[2 * i + 1] = r * Math.sin(a);
    labels[i] = k;
  }
  return { points, labels };
};

/** Spiral arm k at parameter t in [0, 1]: radius 0.2 + 1.8 t, angle 3π t + kπ. */
export function spiralPoint(k: number, t: number): [number, number] {
  const r = 0.2 + 1.8 * t;
  const a = 3 * Math.PI * t + k * Math.PI;
  return [r * Math.cos(a), r * Math.sin(a)];
}

/** Two interleaved Archimedean spiral arms, 1.5 turns each; label = arm (i mod 2). Box 2. */
export const spiral: ShapeFn = (count, { uniform }) => {
  const points = new Float64Array(2 * count);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const k = i % 2;
    // sqrt spreads points evenly along the arm (its length grows about like t²).
    const [x, y] = spiralPoint(k, Math.sqrt(uniform()));
    points[2 * i] = x;
    points[2 * i + 1] = y;
    labels[i] = k;
  }
  return { points, labels };
};

/** Uniform on the dark cells of a 4×4 checkerboard over [-2, 2]² (cell (0,0) at bottom-left is dark). Box 2. */
export const checkerboard: ShapeFn = (count, { uniform }) => {
  const points = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    // Pick one of the 8 dark cells: row r, column c with (r + c) even.
    const cell = Math.min(7, Math.floor(8 * uniform()));
    const row = cell >> 1;
    const col = 2 * (cell & 1) + (row & 1);
    points[2 * i] = -2 + col + uniform();
    points[2 * i + 1] = -2 + row + uniform();
  }
  return { points };
};

/** Uniform on the square [-1.5, 1.5]². Box 1.5. */
export const uniformSquare: ShapeFn = (count, { uniform }) => {
  const points = new Float64Array(2 * count);
  for (let k = 0; k < 2 * count; k++) points[k] = 3 * uniform() - 1.5;
  return { points };
};

/** Uniform on the disc of radius 1.5. Box 1.5. */
export const uniformDisc: ShapeFn = (count, { uniform }) => {
  const points = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const r = 1.5 * Math.sqrt(uniform());
    const a = TAU * uniform();
    points[2 * i] = r * Math.cos(a);
    points[2 * i + 1] = r * Math.sin(a);
  }
  return { points };
};

/** Swiss roll parameter range (scikit-learn's 1.5π to 4.5π) and the factor that fits it in the box. */
export const SWISS_ROLL_T = [1.5 * Math.PI, 4.5 * Math.PI] as const;
export const SWISS_ROLL_SCALE = 2.2 / (4.5 * Math.PI);

/** The 2-D swiss roll: (t cos t, t sin t)·0.156 for t uniform in [1.5π, 4.5π]. Box 2.2. */
export const swissRoll: ShapeFn = (count, { uniform }) => {
  const [t0, t1] = SWISS_ROLL_T;
  const points = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const t = t0 + (t1 - t0) * uniform();
    points[2 * i] = SWISS_ROLL_SCALE * t * Math.cos(t);
    points[2 * i + 1] = SWISS_ROLL_SCALE * t * Math.sin(t);
  }
  return { points };
};

/**
 * A regular grid over [-1.5, 1.5]²: k = ceil(sqrt(count)) columns, filled row by row from the
 * bottom; the last row may be partial. Needs no randomness (the seed only moves the noise). Box 1.5.
 */
export const grid: ShapeFn = (count) => {
  const cols = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / cols);
  const step = (n: number) => (n > 1 ? 3 / (n - 1) : 0);
  const sx = step(cols);
  const sy = step(rows);
  const points = new Float64Array(2 * count);
  for (let i = 0; i < count; i++) {
    const r = Math.floor(i / cols);
    const c = i % cols;
    points[2 * i] = cols > 1 ? -1.5 + c * sx : 0;
    points[2 * i + 1] = rows > 1 ? -1.5 + r * sy : 0;
  }
  return { points };
};

/** Sampled outline: `strokes` sampled uniformly by arc length, labelled by stroke group. */
export function outline(strokes: readonly Stroke[]): ShapeFn {
  return (count, { uniform }) => sampleStrokes(strokes, count, uniform);
}

/** The heart curve (16 sin³t, 13 cos t − 5 cos 2t − 2 cos 3t − cos 4t)/9, shifted up 0.3. Box 2. */
export const HEART_STROKES: readonly Stroke[] = (() => {
  const v: number[] = [];
  const segments = 360;
  for (let k = 0; k <= segments; k++) {
    const t = (TAU * k) / segments;
    const x = 16 * Math.sin(t) ** 3;
    const y = 13 * Math.cos(t) - 5 * Math.cos(2 * t) - 2 * Math.cos(3 * t) - Math.cos(4 * t);
    v.push(x / 9, y / 9 + 0.3);
  }
  return [{ group: 0, points: v }];
})();

/** Smiley: face circle r 1.8 (group 0), two eyes r 0.22 at (±0.6, 0.55) (group 1), mouth arc (group 2). Box 1.8. */
export const SMILEY_STROKES: readonly Stroke[] = [
  { group: 0, points: arcVertices(0, 0, 1.8, 1.8, 0, TAU, 128) },
  { group: 1, points: arcVertices(-0.6, 0.55, 0.22, 0.22, 0, TAU, 24) },
  { group: 1, points: arcVertices(0.6, 0.55, 0.22, 0.22, 0, TAU, 24) },
  { group: 2, points: arcVertices(0, 0.1, 1.0, 1.0, (-5 * Math.PI) / 6, -Math.PI / 6, 48) },
];

/** Strokes of the text "OT" (group = letter index). Box 2. */
export const TEXT_OT_STROKES: readonly Stroke[] = textStrokes('OT');
/** Strokes of the letter "F" (asymmetric: its mirror image differs). Box 1.5. */
export const LETTER_F_STROKES: readonly Stroke[] = textStrokes('F');

/** A circle of radius 1.5 (one closed curve). Box 1.5. */
export const CIRCLE_STROKES: readonly Stroke[] = [
  { group: 0, points: arcVertices(0, 0, 1.5, 1.5, 0, TAU, 192) },
];

/** The outline of the square [-1.5, 1.5]². Box 1.5. */
export const SQUARE_OUTLINE_STROKES: readonly Stroke[] = [
  { group: 0, points: [-1.5, -1.5, 1.5, -1.5, 1.5, 1.5, -1.5, 1.5, -1.5, -1.5] },
];

/** The outline of a plus sign: arms of half-width 0.5 reaching to ±1.5. Box 1.5. */
export const CROSS_STROKES: readonly Stroke[] = (() => {
  const a = 0.5;
  const b = 1.5;
  // Twelve corners, counter-clockwise from the right arm's lower corner, closed.
  const v = [b, -a, b, a, a, a, a, b, -a, b, -a, a, -b, a, -b, -a, -a, -a, -a, -b, a, -b, a, -a, b, -a];
  return [{ group: 0, points: v }];
})();
