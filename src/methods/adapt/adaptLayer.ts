/**
 * Adaptation on the stage: the classifiers' decision regions as a tinted background (under the
 * clouds), the plan's lines, and the source carried along the barycentric map at the playback
 * time t (over the clouds, with its class markers). The regions follow the source: at t the
 * classifier drawn is the one trained on the raw source, cross-fading to the one trained on the
 * mapped source as t goes to 1. While a solve runs, the live mapped source is drawn at t = 1.
 */
import type { AdaptLive, AdaptOutcome } from '../../../workers/methods/adaptTypes.ts';
import { paintPlanLines } from '../../panels/plan/planLayer.ts';
import { sourceCloud, targetCloud } from '../../scenario/types.ts';
import { classColor } from '../../stage/layers/classMarkers.ts';
import { drawDisplacedCloud } from '../../stage/layers/displacement.ts';
import { cloudColor } from '../../stage/palette.ts';
import type { StageView } from '../../stage/view.ts';
import { getResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { ADAPT_LANE, ADAPT_LIVE_LANE } from './run.ts';

/** The solved adaptation, if its source still has the current source's size. */
export function currentAdapt(): AdaptOutcome | undefined {
  const r = getResult<AdaptOutcome>(ADAPT_LANE)?.value;
  const x = sourceCloud(useStore.getState().scenario).points;
  return r && r.mappedSource.length === x.length ? r : undefined;
}

/** The live mapped source of a running solve newer than the result, if any. */
function liveMapped(): Float64Array | undefined {
  const done = getResult<AdaptOutcome>(ADAPT_LANE);
  const live = getResult<AdaptLive>(ADAPT_LIVE_LANE);
  if (live && (!done || live.runId > done.runId)) return live.value.mappedSource ?? undefined;
  return undefined;
}

/** An image of one classifier's regions (one pixel per cell, class colour, opaque), cached per label grid. */
const images = new WeakMap<Int32Array, HTMLCanvasElement>();
export function regionImage(g: { size: number }, labels: Int32Array, dark: boolean): HTMLCanvasElement {
  const hit = images.get(labels);
  if (hit && hit.dataset.dark === String(dark)) return hit;
  const c = document.createElement('canvas');
  c.width = g.size;
  c.height = g.size;
  c.dataset.dark = String(dark);
  const ctx = c.getContext('2d')!;
  const img = ctx.createImageData(g.size, g.size);
  for (let r = 0; r < g.size; r++) {
    for (let col = 0; col < g.size; col++) {
      const hex = classColor(labels[r * g.size + col], dark);
      // Row r of the grid is y index r from the bottom; the image's row 0 is its top.
      const o = 4 * ((g.size - 1 - r) * g.size + col);
      img.data[o] = parseInt(hex.slice(1, 3), 16);
      img.data[o + 1] = parseInt(hex.slice(3, 5), 16);
      img.data[o + 2] = parseInt(hex.slice(5, 7), 16);
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  images.set(labels, c);
  return c;
}

/** Layer under the clouds: the decision regions, cross-faded from before (t = 0) to after (t = 1). */
export function drawRegions(ctx: CanvasRenderingContext2D, view: StageView): void {
  const g = currentAdapt()?.regions;
  if (!g) return;
  const t = useStore.getState().t;
  const [x0, x1, y0, y1] = g.bounds;
  const left = view.sx(x0);
  const top = view.sy(y1);
  const w = view.sx(x1) - left;
  const h = view.sy(y0) - top;
  const strength = view.theme.dark ? 0.22 : 0.16;
  ctx.imageSmoothingEnabled = false;
  for (const [labels, share] of [
    [g.before, 1 - t],
    [g.after, t],
  ] as const) {
    if (share <= 0) continue;
    ctx.globalAlpha = strength * share;
    ctx.drawImage(regionImage(g, labels, view.theme.dark), left, top, w, h);
  }
}

/** Layer under the clouds: the plan's lines (when the plan is shown). */
export function drawAdaptPlan(ctx: CanvasRenderingContext2D, view: StageView): void {
  const r = currentAdapt();
  const s = useStore.getState();
  if (!r || !s.showPlan) return;
  paintPlanLines(ctx, view, r.plan, sourceCloud(s.scenario).points, targetCloud(s.scenario).points);
}

/** Layer over the clouds: the source carried a fraction t of the way along the map. */
export function drawMovedSource(ctx: CanvasRenderingContext2D, view: StageView): void {
  const s = useStore.getState();
  const src = sourceCloud(s.scenario);
  const live = liveMapped();
  const mapped = live ?? currentAdapt()?.mappedSource;
  const t = live ? 1 : s.t;
  if (!mapped || t <= 0) return;
  ctx.globalAlpha = 0.9;
  drawDisplacedCloud(ctx, view, src, mapped, t, cloudColor(view.theme, 0));
}
