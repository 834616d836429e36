/**
 * The clouds layer: batched paths per cloud (many arcs per beginPath/fill), so thousands of points
 * draw in a few milliseconds. A point's area is proportional to its weight relative to the cloud's
 * mean weight (clamped), so uniform clouds draw all points the same size.
 *
 * Paths are filled every `PATH_CHUNK` points rather than once per cloud: Chromium's software
 * rasteriser (no GPU, as in headless runs and on many school machines) fills one 20 000-arc path
 * about 3× slower than the same arcs in chunks of a few dozen (measured: ~150 ms vs ~45 ms). Points
 * are opaque, so chunking does not change the picture.
 */
import type { Cloud } from '../../scenario/types.ts';
import type { StageView } from '../view.ts';
import { classColor, classShape, traceMarker, type ClassShape } from './classMarkers.ts';

/** Radius range relative to the base radius: a point is drawn between 0.4× and 3× the base. */
const WEIGHT_RADIUS_CLAMP = [0.4, 3] as const;

/** Base point radius (CSS px) for a cloud of `n` points: smaller for crowded clouds (4 px for ~30, ~1.6 px at 20 000). */
export function baseRadius(n: number): number {
  return Math.min(4.5, Math.max(1.5, 5.2 - 0.85 * Math.log10(n + 1)));
}

/**
 * Per-point radius factors (length n) from weights: sqrt(w_i / mean w), clamped to
 * `WEIGHT_RADIUS_CLAMP`; null for uniform clouds (every factor 1).
 */
export function radiusFactors(weights: Float64Array | null): Float64Array | null {
  if (!weights || weights.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i];
  const mean = sum / weights.length;
  if (!(mean > 0)) return null;
  const [lo, hi] = WEIGHT_RADIUS_CLAMP;
  const out = new Float64Array(weights.length);
  let uniform = true;
  for (let i = 0; i < weights.length; i++) {
    out[i] = Math.min(hi, Math.max(lo, Math.sqrt(weights[i] / mean)));
    if (Math.abs(out[i] - 1) > 1e-9) uniform = false;
  }
  return uniform ? null : out;
}

/** Radius factors are recomputed only when a cloud's weights array changes. */
const factorCache = new WeakMap<Float64Array, Float64Array | null>();
function cachedFactors(weights: Float64Array | null): Float64Array | null {
  if (!weights) return null;
  let f = factorCache.get(weights);
  if (f === undefined) {
    f = radiusFactors(weights);
    factorCache.set(weights, f);
  }
  return f;
}

/** Points per path before it is filled (or stroked) and a new one begun. */
export const PATH_CHUNK = 32;

/**
 * Traces the cloud's points (or the subset `only`) as circles, or as the class marker `shape`
 * when given, calling `paint` after every `PATH_CHUNK` points in view and once at the end;
 * returns how many points were in view.
 */
function tracePoints(
  ctx: CanvasRenderingContext2D,
  view: StageView,
  cloud: Cloud,
  r0: number,
  pad: number,
  paint: () => void,
  only?: ArrayLike<number>,
  shape?: ClassShape,
): number {
  const p = cloud.points;
  const n = p.length >> 1;
  const f = cachedFactors(cloud.weights);
  const { sx, sy, width, height, dpr } = view;
  // Below 2 device pixels of radius a square is indistinguishable from a disc and much cheaper.
  const squareBelow = 2 / dpr;
  const count = only ? only.length : n;
  let drawn = 0;
  ctx.beginPath();
  for (let k = 0; k < count; k++) {
    const i = only ? only[k] : k;
    if (i < 0 || i >= n) continue;
    const x = sx(p[2 * i]);
    const y = sy(p[2 * i + 1]);
    const r = (f ? r0 * f[i] : r0) + pad;
    if (x < -r || y < -r || x > width + r || y > height + r) continue; // off screen
    if (drawn > 0 && drawn % PATH_CHUNK === 0) {
      paint();
      ctx.beginPath();
    }
    drawn++;
    if (shape) {
      traceMarker(ctx, shape, x, y, r);
    } else if (r < squareBelow) {
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
    } else {
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
  }
  if (drawn % PATH_CHUNK !== 0) paint();
  return drawn;
}

/**
 * Draws a cloud's points filled with `color`; when the cloud is not crowded (<= 3000 points) each
 * point gets a thin outline in the background colour, which separates overlapping points.
 */
export function drawCloud(ctx: CanvasRenderingContext2D, view: StageView, cloud: Cloud, color: string): void {
  const n = cloud.points.length >> 1;
  if (n === 0) return;
  if (cloud.labels && cloud.labels.length === n) {
    drawLabelledCloud(ctx, view, cloud, cloud.labels, color);
    return;
  }
  const r0 = baseRadius(n);
  const outline = n <= 3000;
  ctx.fillStyle = color;
  ctx.lineWidth = 0.75;
  ctx.strokeStyle = view.theme.background;
  tracePoints(ctx, view, cloud, r0, 0, () => {
    ctx.fill();
    if (outline) ctx.stroke();
  });
}

/** Point indices grouped by label, ascending labels (cached per labels array). */
const groupCache = new WeakMap<Int32Array, { label: number; indices: Int32Array }[]>();
function groupsOf(labels: Int32Array): { label: number; indices: Int32Array }[] {
  let g = groupCache.get(labels);
  if (!g) {
    const by = new Map<number, number[]>();
    labels.forEach((l, i) => (by.get(l) ?? by.set(l, []).get(l)!).push(i));
    g = [...by.keys()]
      .sort((a, b) => a - b)
      .map((label) => ({ label, indices: Int32Array.from(by.get(label)!) }));
    groupCache.set(labels, g);
  }
  return g;
}

/**
 * A labelled cloud: each point as its class's marker shape, filled with the cloud's colour, with
 * a thin ring in the class colour (over a background halo, so the ring reads on any neighbour).
 */
function drawLabelledCloud(
  ctx: CanvasRenderingContext2D,
  view: StageView,
  cloud: Cloud,
  labels: Int32Array,
  color: string,
): void {
  // Markers a little larger than dots, so the shape reads at the playground's sizes.
  const r0 = 1.2 * baseRadius(labels.length);
  const ring = labels.length <= 3000 ? 1.25 : 0.75;
  ctx.fillStyle = color;
  ctx.lineJoin = 'round';
  for (const { label, indices } of groupsOf(labels)) {
    const ringColor = classColor(label, view.theme.dark);
    tracePoints(
      ctx,
      view,
      cloud,
      r0,
      0,
      () => {
        ctx.lineWidth = ring + 1.5;
        ctx.strokeStyle = view.theme.background;
        ctx.stroke();
        ctx.fill();
        ctx.lineWidth = ring;
        ctx.strokeStyle = ringColor;
        ctx.stroke();
      },
      indices,
      classShape(label),
    );
  }
}

/** Draws rings around the points `indices` of `cloud` (a selection highlight). */
export function drawSelection(
  ctx: CanvasRenderingContext2D,
  view: StageView,
  cloud: Cloud,
  indices: ArrayLike<number>,
  color: string,
): void {
  if (indices.length === 0) return;
  const r0 = baseRadius(cloud.points.length >> 1);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = color;
  tracePoints(ctx, view, cloud, r0, 2.5, () => ctx.stroke(), indices);
}
