/**
 * The degenerate problems every kernel is swept over, built once
 * and shared by the `*.test.ts` files of this folder, and `expectAllFinite`, the walk that checks a
 * result holds no NaN or ±∞ anywhere.
 *
 * A case is two weighted clouds, interleaved [x0, y0, x1, y1, ...], weights null for uniform. The
 * `base` case is an ordinary pair of clouds (9 source points, 7 target points, seeded); the scaled
 * cases are it multiplied by `scale`, so a kernel's scale law can be checked against it.
 */
import { randomLcg } from 'd3-random';

/** One degenerate problem. */
export interface DegenerateCase {
  readonly name: string;
  /** Source points, interleaved, length 2n. */
  readonly x: Float64Array;
  /** Target points, interleaved, length 2m. */
  readonly y: Float64Array;
  /** Source and target weights (>= 0, positive sum, not normalised) or null for uniform. */
  readonly a: Float64Array | null;
  readonly b: Float64Array | null;
  /** Coordinates are the base case's times this (1 for cases not derived by scaling). */
  readonly scale: number;
  /** Source and target are the same points with the same weights. */
  readonly identical: boolean;
  /** Every source point (resp. target point) is the same point. */
  readonly sourceCollapsed: boolean;
  readonly targetCollapsed: boolean;
}

/** n points uniform in [−1, 1]², seeded. */
function uniformCloud(n: number, seed: number): Float64Array {
  const rand = randomLcg(seed);
  return Float64Array.from({ length: 2 * n }, () => 2 * rand() - 1);
}

/** `count` copies of the point (px, py). */
function copies(count: number, px: number, py: number): Float64Array {
  const out = new Float64Array(2 * count);
  for (let k = 0; k < count; k++) {
    out[2 * k] = px;
    out[2 * k + 1] = py;
  }
  return out;
}

const scaled = (p: Float64Array, s: number) => p.map((v) => v * s);

/** The ordinary clouds the scaled cases derive from. */
export const BASE_X = uniformCloud(9, 11);
export const BASE_Y = uniformCloud(7, 23).map((v, k) => v + (k % 2 === 0 ? 0.6 : -0.3));

function makeCase(
  name: string,
  x: Float64Array,
  y: Float64Array,
  extra: Partial<Omit<DegenerateCase, 'name' | 'x' | 'y'>> = {},
): DegenerateCase {
  return {
    name,
    x,
    y,
    a: null,
    b: null,
    scale: 1,
    identical: false,
    sourceCollapsed: x.length === 2,
    targetCollapsed: y.length === 2,
    ...extra,
  };
}

/** Points on the line through (−0.4, 0.1) with direction (1, 0.5), at parameters `ts`. */
function onLine(ts: readonly number[]): Float64Array {
  return Float64Array.from(ts.flatMap((t) => [-0.4 + t, 0.1 + 0.5 * t]));
}

/** Every degenerate case, by name. */
export const CASES: readonly DegenerateCase[] = [
  makeCase('base', BASE_X, BASE_Y),
  makeCase('one point vs one point', Float64Array.of(0.3, -0.2), Float64Array.of(1.1, 0.4)),
  makeCase('one point vs many', Float64Array.of(0.3, -0.2), BASE_Y),
  makeCase('many vs one point', BASE_X, Float64Array.of(1.1, 0.4)),
  makeCase('source points all equal', copies(5, 0.5, 0.5), BASE_Y, { sourceCollapsed: true }),
  makeCase('target points all equal', BASE_X, copies(4, -0.2, 0.7), { targetCollapsed: true }),
  // Every point at one place: the cost matrix is all zeros.
  makeCase('all points equal (zero cost)', copies(5, 0.25, -0.5), copies(4, 0.25, -0.5), {
    sourceCollapsed: true,
    targetCollapsed: true,
  }),
  makeCase('each side collapsed, apart', copies(5, 0.25, -0.5), copies(4, 1.5, 0.5), {
    sourceCollapsed: true,
    targetCollapsed: true,
  }),
  makeCase('source identical to target', BASE_X, BASE_X.slice(), { identical: true }),
  makeCase('zero weights on some points', BASE_X, BASE_Y, {
    a: Float64Array.of(0, 1, 2, 0, 1, 1, 3, 1, 0.5),
    b: Float64Array.of(1, 1, 0, 2, 1, 0, 1),
  }),
  makeCase('coordinates at 1e6 scale', scaled(BASE_X, 1e6), scaled(BASE_Y, 1e6), { scale: 1e6 }),
  makeCase('coordinates at 1e-9 scale', scaled(BASE_X, 1e-9), scaled(BASE_Y, 1e-9), { scale: 1e-9 }),
  // Coordinates up to 1e12, the largest a scenario may hold (LIMITS.maxAbsCoordinate).
  makeCase('coordinates near 1e12 (the limit)', scaled(BASE_X, 6e11), scaled(BASE_Y, 6e11), { scale: 6e11 }),
  // Unit-size clouds far from the origin: costs must come from differences, not |x|² + |y|² − 2x·y.
  makeCase(
    'clouds far from the origin (1e6)',
    BASE_X.map((v, k) => v + (k % 2 === 0 ? 1e6 : -2e6)),
    BASE_Y.map((v, k) => v + (k % 2 === 0 ? 1e6 : -2e6)),
  ),
  makeCase('collinear points', onLine([0, 0.3, 0.5, 1.1, 1.4, 2]), onLine([0.2, 0.6, 0.9, 1.7, 2.2, 2.5])),
  makeCase(
    'duplicate points across sides',
    BASE_X,
    Float64Array.of(...BASE_X.subarray(0, 6), 0.9, 0.9, -0.9, 0.1),
  ),
  makeCase('two points a side', Float64Array.of(-0.5, 0, 0.5, 0.1), Float64Array.of(0.2, 0.8, 0.3, -0.6)),
];

/** The case with this name (throws on a typo). */
export function getCase(name: string): DegenerateCase {
  const c = CASES.find((k) => k.name === name);
  if (!c) throw new Error(`no degenerate case named ${JSON.stringify(name)}`);
  return c;
}

/** Cases with as many source as target points (index correspondence, square assignment). */
export const SQUARE_CASES = CASES.filter((c) => c.x.length === c.y.length);

/** Weights normalised to sum 1 (uniform when null). */
export function unitWeights(w: Float64Array | null, n: number): Float64Array {
  if (!w) return new Float64Array(n).fill(1 / n);
  let total = 0;
  for (const v of w) total += v;
  return w.map((v) => v / total);
}

/**
 * Throws an Error naming the first non-finite number found in `value`: a number, a typed array, an
 * array, or an object's own enumerable properties (recursively; functions are skipped). Paths in
 * `allow` (e.g. `result.map.c`) are not descended into: values documented to hold ±∞.
 * @returns the number of numbers checked (so a test can see it walked something)
 */
export function expectAllFinite(value: unknown, path = 'result', allow: readonly string[] = []): number {
  if (allow.includes(path)) return 0;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${value}`);
    return 1;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number | bigint>;
    for (let k = 0; k < arr.length; k++) {
      const v = arr[k];
      if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`${path}[${k}] is ${v}`);
    }
    return arr.length;
  }
  let count = 0;
  if (Array.isArray(value)) {
    value.forEach((v, k) => (count += expectAllFinite(v, `${path}[${k}]`, allow)));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) count += expectAllFinite(v, `${path}.${k}`, allow);
  }
  return count;
}
