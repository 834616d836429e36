/**
 * The critic on the stage, under the clouds: a heatmap of f (the learned critic, or the exact
 * Kantorovich potential, as the scenario's `show` says) from the source's colour (low) to the
 * target's (high), its contour lines, and optionally ∇f as arrows and the exact plan's transport
 * rays; over the clouds, generator mode's samples. Heatmap images and contours are computed once
 * per grid and cached; drawing only maps them to pixels.
 */
import { interpolateRgb } from 'd3-interpolate';
import type { CriticGrid, CriticResult, WganLive } from '../../../workers/methods/criticTypes.ts';
import { drawCloud } from '../../stage/layers/clouds.ts';
import { contourPath, latticeContours, type Rings } from '../../stage/latticeContours.ts';
import type { StageView } from '../../stage/view.ts';
import { getResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { CRITIC_LANE, liveCritic, WGAN_LANE, WGAN_LIVE_LANE } from './run.ts';

/** Contour levels, evenly spaced between the grid's minimum and maximum. */
const LEVELS = 12;
/** Arrows on every this many lattice points each way. */
const ARROW_STRIDE = 5;

/** What the layers draw now. */
export interface CriticDrawable {
  grid: CriticGrid | null;
  rays: Float64Array | null;
  rayMass: Float64Array | null;
  samples: Float64Array | null;
}

/** The state to draw: the scenario's mode and `show` choose among results and live previews. */
export function currentCritic(): CriticDrawable {
  const params = useStore.getState().scenario.params;
  if (params.mode === 'generator') {
    const done = getResult<WganLive & { grid: CriticGrid }>(WGAN_LANE);
    const live = getResult<WganLive>(WGAN_LIVE_LANE);
    const newer = live && (!done || live.runId > done.runId);
    return {
      grid: done?.value.grid ?? null,
      rays: null,
      rayMass: null,
      samples: (newer ? live.value.samples : done?.value.samples) ?? null,
    };
  }
  const done = getResult<CriticResult>(CRITIC_LANE);
  const live = liveCritic();
  const exact = done?.value.exact ?? live?.exact ?? null;
  // A new training clears the result, so a result present is the latest critic.
  const learned = done?.value.grid ?? live?.grid ?? null;
  const grid = params.show === 'exact' ? (exact?.grid ?? null) : learned;
  const rays = params.rays === true && exact ? exact : null;
  return { grid, rays: rays?.rays ?? null, rayMass: rays?.rayMass ?? null, samples: null };
}

const images = new WeakMap<Float64Array, HTMLCanvasElement>();
const levels = new WeakMap<Float64Array, Rings[]>();

/** The heatmap as a small canvas, one pixel per lattice point (row 0 at the bottom). */
function heatImage(g: CriticGrid, low: string, high: string): HTMLCanvasElement {
  const hit = images.get(g.values);
  if (hit) return hit;
  const N = g.size;
  const canvas = document.createElement('canvas');
  canvas.width = N;
  canvas.height = N;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(N, N);
  const mix = interpolateRgb(low, high);
  // interpolateRgb answers "rgb(r, g, b)": a 256-step table of parsed channels.
  const table = Array.from({ length: 256 }, (_, k) => (mix(k / 255).match(/\d+/g) ?? []).map(Number));
  const span = g.max - g.min;
  for (let r = 0; r < N; r++) {
    for (let c = 0; c < N; c++) {
      const t = span > 0 ? (g.values[r * N + c] - g.min) / span : 0.5;
      const [red = 0, green = 0, blue = 0] = table[Math.round(255 * t)];
      const k = 4 * ((N - 1 - r) * N + c);
      img.data[k] = red;
      img.data[k + 1] = green;
      img.data[k + 2] = blue;
      img.data[k + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  images.set(g.values, canvas);
  return canvas;
}

function gridContours(g: CriticGrid): Rings[] {
  const hit = levels.get(g.values);
  if (hit) return hit;
  const span = g.max - g.min;
  const thresholds =
    span > 0 ? Array.from({ length: LEVELS }, (_, k) => g.min + (span * (k + 1)) / (LEVELS + 1)) : [];
  const out = latticeContours(g.values, g.size, g.size, g.box, thresholds);
  levels.set(g.values, out);
  return out;
}

/** Layer under the clouds: heatmap, contours, arrows and rays. */
export function drawCriticField(ctx: CanvasRenderingContext2D, view: StageView): void {
  const d = currentCritic();
  const g = d.grid;
  if (g) {
    const { x0, y0, x1, y1 } = g.box;
    const h = (x1 - x0) / (g.size - 1);
    // Each pixel is centred on its lattice point.
    const left = view.sx(x0 - h / 2);
    const top = view.sy(y1 + h / 2);
    ctx.save();
    ctx.globalAlpha = view.theme.dark ? 0.3 : 0.25;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(
      heatImage(g, view.theme.source, view.theme.target),
      left,
      top,
      view.sx(x1 + h / 2) - left,
      view.sy(y0 - h / 2) - top,
    );
    ctx.globalAlpha = view.theme.dark ? 0.55 : 0.45;
    ctx.strokeStyle = view.theme.muted;
    ctx.lineWidth = 1;
    ctx.stroke(contourPath(gridContours(g), view));
    ctx.restore();
    if (useStore.getState().scenario.params.arrows === true) drawArrows(ctx, view, g);
  }
  if (d.rays && d.rayMass) drawRays(ctx, view, d.rays, d.rayMass);
}

/** ∇f at every `ARROW_STRIDE`-th lattice point, length proportional to |∇f| (|∇f| = 1: 0.8 stride). */
function drawArrows(ctx: CanvasRenderingContext2D, view: StageView, g: CriticGrid): void {
  const N = g.size;
  const { x0, y0, x1, y1 } = g.box;
  const unit = 0.8 * ARROW_STRIDE * ((x1 - x0) / (N - 1)) * view.k;
  const path = new Path2D();
  for (let r = Math.floor(ARROW_STRIDE / 2); r < N; r += ARROW_STRIDE) {
    for (let c = Math.floor(ARROW_STRIDE / 2); c < N; c += ARROW_STRIDE) {
      const k = r * N + c;
      const gx = g.gradients[2 * k];
      const gy = g.gradients[2 * k + 1];
      const len = Math.hypot(gx, gy) * unit;
      if (!(len >= 1.5)) continue;
      const px = view.sx(x0 + ((x1 - x0) * c) / (N - 1));
      const py = view.sy(y0 + ((y1 - y0) * r) / (N - 1));
      // Canvas y points down: the plane's +y is −y on the canvas.
      const ux = gx / Math.hypot(gx, gy);
      const uy = -gy / Math.hypot(gx, gy);
      const ex = px + Math.min(len, 2 * unit) * ux;
      const ey = py + Math.min(len, 2 * unit) * uy;
      path.moveTo(px, py);
      path.lineTo(ex, ey);
      const hd = Math.min(5, 0.4 * len);
      path.moveTo(ex - hd * ux - 0.5 * hd * uy, ey - hd * uy + 0.5 * hd * ux);
      path.lineTo(ex, ey);
      path.lineTo(ex - hd * ux + 0.5 * hd * uy, ey - hd * uy - 0.5 * hd * ux);
    }
  }
  ctx.save();
  ctx.strokeStyle = view.theme.accent;
  ctx.globalAlpha = 0.7;
  ctx.lineWidth = 1.1;
  ctx.stroke(path);
  ctx.restore();
}

/** The exact plan's segments, opacity by mass. */
function drawRays(
  ctx: CanvasRenderingContext2D,
  view: StageView,
  rays: Float64Array,
  mass: Float64Array,
): void {
  let max = 0;
  for (const m of mass) if (m > max) max = m;
  ctx.save();
  ctx.strokeStyle = view.theme.foreground;
  ctx.lineWidth = 1;
  for (let k = 0; k < mass.length; k++) {
    ctx.globalAlpha = 0.15 + 0.5 * (mass[k] / max);
    ctx.beginPath();
    ctx.moveTo(view.sx(rays[4 * k]), view.sy(rays[4 * k + 1]));
    ctx.lineTo(view.sx(rays[4 * k + 2]), view.sy(rays[4 * k + 3]));
    ctx.stroke();
  }
  ctx.restore();
}

/** Layer over the clouds: generator mode's samples. */
export function drawSamples(ctx: CanvasRenderingContext2D, view: StageView): void {
  const s = currentCritic().samples;
  if (!s || s.length === 0) return;
  drawCloud(ctx, view, { name: 'generator', points: s, weights: null, labels: null }, view.theme.foreground);
}
