/**
 * The stage's mapping from the plane to the canvas: pure functions, no DOM.
 *
 * The plane has y pointing up; the canvas has y pointing down. A view is the fit of a bounding box
 * into the canvas (equal aspect ratio, centred) followed by the d3-zoom transform (scale `k`,
 * translation `x`, `y` in CSS pixels), so the identity transform shows the fitted box.
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import type { Cloud } from '../scenario/types.ts';
import type { StageTheme } from './palette.ts';

/** An axis-aligned box in plane units, `x0 <= x1`, `y0 <= y1`. */
export interface Bounds {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The view of an empty scenario: [-3, 3]². */
export const DEFAULT_BOUNDS: Bounds = { x0: -3, y0: -3, x1: 3, y1: 3 };

/** The fields of a d3 `ZoomTransform` the view uses. */
export interface ZoomLike {
  readonly k: number;
  readonly x: number;
  readonly y: number;
}

/**
 * What a canvas layer needs to draw: plane → pixel mappings in CSS pixels (the context is already
 * scaled by `dpr`), the canvas size and the theme colours.
 */
export interface StageView {
  /** Canvas width and height, CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** Device pixels per CSS pixel; the context passed to layers is pre-scaled by it. */
  readonly dpr: number;
  /** CSS pixels per plane unit (equal on both axes). */
  readonly k: number;
  /** Zoom factor relative to the fitted view (the d3-zoom scale; 1 after "Reset view"). */
  readonly zoom: number;
  /** Plane x → canvas x, CSS px. */
  readonly sx: (x: number) => number;
  /** Plane y → canvas y, CSS px (y up on the plane, down on the canvas). */
  readonly sy: (y: number) => number;
  /** Canvas x (CSS px) → plane x. */
  readonly invertX: (px: number) => number;
  /** Canvas y (CSS px) → plane y. */
  readonly invertY: (py: number) => number;
  /** d3 linear scales equivalent to `sx`, `sy` over the visible part of the plane (for ticks). */
  readonly xScale: ScaleLinear<number, number>;
  readonly yScale: ScaleLinear<number, number>;
  readonly theme: StageTheme;
}

/** The tight bounding box of the clouds' finite points, or null when there are none. */
export function pointsBounds(clouds: readonly Cloud[]): Bounds | null {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const c of clouds) {
    const p = c.points;
    for (let i = 0; i < p.length; i += 2) {
      const x = p[i];
      const y = p[i + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x0 > x1 ? null : { x0, y0, x1, y1 };
}

/**
 * The bounding box of the clouds' points, padded by `pad` (fraction of the extent, each side) and
 * by `minHalfExtent` (plane units) so a single point or a line still gets a sensible view.
 * Non-finite coordinates are skipped. With no points, `DEFAULT_BOUNDS`.
 */
export function cloudsBounds(clouds: readonly Cloud[], pad = 0.12, minHalfExtent = 1): Bounds {
  const b = pointsBounds(clouds);
  if (!b) return DEFAULT_BOUNDS;
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  const hx = Math.max(((b.x1 - b.x0) / 2) * (1 + 2 * pad), minHalfExtent);
  const hy = Math.max(((b.y1 - b.y0) / 2) * (1 + 2 * pad), minHalfExtent);
  return { x0: cx - hx, y0: cy - hy, x1: cx + hx, y1: cy + hy };
}

/** The part of the plane the view shows. */
export function visibleBounds(view: StageView): Bounds {
  return {
    x0: view.invertX(0),
    x1: view.invertX(view.width),
    y0: view.invertY(view.height),
    y1: view.invertY(0),
  };
}

/**
 * Whether a newly opened scenario deserves a fresh fit: some of its points lie outside the visible
 * area, or all of them fit in a tenth of it. False for empty clouds (nothing to fit). A swap of
 * source and target, for instance, keeps the user's zoom.
 */
export function shouldRefit(visible: Bounds, clouds: readonly Cloud[]): boolean {
  const b = pointsBounds(clouds);
  if (!b) return false;
  const inside = b.x0 >= visible.x0 && b.x1 <= visible.x1 && b.y0 >= visible.y0 && b.y1 <= visible.y1;
  const extent = Math.max(b.x1 - b.x0, b.y1 - b.y0);
  const view = Math.min(visible.x1 - visible.x0, visible.y1 - visible.y0);
  return !inside || extent < 0.1 * view;
}

/** The fitted view before zoom: pixels per unit and the pixel position of the plane origin. */
export interface Fit {
  readonly k: number;
  readonly ox: number;
  readonly oy: number;
}

/** Fits `b` into a `width`×`height` CSS-pixel canvas, equal aspect ratio, centred, y up. */
export function fitBounds(b: Bounds, width: number, height: number): Fit {
  const w = Math.max(b.x1 - b.x0, 1e-12);
  const h = Math.max(b.y1 - b.y0, 1e-12);
  const k = width > 0 && height > 0 ? Math.min(width / w, height / h) : 1;
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  return { k, ox: width / 2 - k * cx, oy: height / 2 + k * cy };
}

/** Builds the view from a fit, the current zoom transform, the canvas size and the theme. */
export function makeStageView(
  fit: Fit,
  t: ZoomLike,
  size: { width: number; height: number; dpr: number },
  theme: StageTheme,
): StageView {
  const k = fit.k * t.k;
  const ox = t.k * fit.ox + t.x;
  const oy = t.k * fit.oy + t.y;
  const { width, height, dpr } = size;
  const sx = (x: number) => ox + k * x;
  const sy = (y: number) => oy - k * y;
  const invertX = (px: number) => (px - ox) / k;
  const invertY = (py: number) => (oy - py) / k;
  const xScale = scaleLinear()
    .domain([invertX(0), invertX(width || 1)])
    .range([0, width || 1]);
  const yScale = scaleLinear()
    .domain([invertY(height || 1), invertY(0)])
    .range([height || 1, 0]);
  return { width, height, dpr, k, zoom: t.k, sx, sy, invertX, invertY, xScale, yScale, theme };
}

/** Suggested number of ticks along an axis of `px` CSS pixels (one about every 90 px, at least 2). */
export function tickCount(px: number): number {
  return Math.max(2, Math.round(px / 90));
}
