/**
 * One frame of the stage, as a sequence of plain layer functions:
 * background → grid → overlays with order < 0 → clouds (the inactive one first, so the cloud being
 * edited is on top) → selection → overlays with order >= 0 → tool feedback.
 */
import { cloudAt, cloudSize } from '../scenario/types.ts';
import type { Store } from '../state/store.ts';
import { validIndices } from './hitTest.ts';
import { drawCloud, drawSelection } from './layers/clouds.ts';
import { drawGrid } from './layers/grid.ts';
import { createLayerCache } from './layerCache.ts';
import { getOverlays, type OverlayDraw } from './overlays.ts';
import { cloudColor } from './palette.ts';
import type { StageView } from './view.ts';

/** The canvas's accessible name, e.g. "Stage: Source 150 points, Target 150 points". */
export function stageLabel(s: Pick<Store, 'scenario'>): string {
  const n = (k: number) => `${k} point${k === 1 ? '' : 's'}`;
  return `Stage: ${s.scenario.clouds.map((c) => `${c.name} ${n(cloudSize(c))}`).join(', ')}`;
}

const failed = new Set<string>();

/** Runs a layer between save/restore; a throwing layer is reported once and does not stop the frame. */
function runLayer(ctx: CanvasRenderingContext2D, view: StageView, id: string, draw: OverlayDraw): void {
  ctx.save();
  try {
    draw(ctx, view);
  } catch (err) {
    if (!failed.has(id)) {
      failed.add(id);
      console.error(`Stage layer "${id}" failed:`, err);
    }
  } finally {
    ctx.restore();
  }
}

/** Draws the clouds (the active one last, so the cloud being edited is on top) and the selection. */
function drawClouds(ctx: CanvasRenderingContext2D, view: StageView, s: Store): void {
  const { clouds } = s.scenario;
  const order = [...clouds.keys()].filter((k) => k !== s.activeCloud);
  if (s.activeCloud < clouds.length) order.push(s.activeCloud);
  for (const k of order) {
    runLayer(ctx, view, `cloud ${k}`, (c, v) => drawCloud(c, v, clouds[k], cloudColor(v.theme, k)));
  }
  const sel = s.selection;
  if (sel) {
    const cloud = cloudAt(s.scenario, sel.cloud);
    const idx = validIndices(sel.indices, cloudSize(cloud));
    runLayer(ctx, view, 'selection', (c, v) => drawSelection(c, v, cloud, idx, v.theme.foreground));
  }
}

/**
 * Draws whole frames. The clouds are kept in an offscreen bitmap, so frames that only change
 * overlays or tool feedback (playback, hover) do not redraw thousands of points.
 */
export interface FrameRenderer {
  /** Draws a frame. `feedback` draws the tool's hover and gesture feedback last. */
  draw: (ctx: CanvasRenderingContext2D, view: StageView, s: Store, feedback?: OverlayDraw) => void;
}

export function createFrameRenderer(): FrameRenderer {
  const clouds = createLayerCache();
  const grid = createLayerCache();

  return {
    draw: (ctx, view, s, feedback) => {
      const { width, height, dpr, theme } = view;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = theme.background;
      ctx.fillRect(0, 0, width, height);
      // The grid and its labels depend on the view alone.
      if (s.showGrid) runLayer(ctx, view, 'grid', (c, v) => grid.draw(c, v, [], drawGrid));

      const overlays = getOverlays();
      let k = 0;
      for (; k < overlays.length && overlays[k].order < 0; k++)
        runLayer(ctx, view, overlays[k].id, overlays[k].draw);

      clouds.draw(ctx, view, [s.scenario.clouds, s.selection, s.activeCloud], (c, v) => drawClouds(c, v, s));

      for (; k < overlays.length; k++) runLayer(ctx, view, overlays[k].id, overlays[k].draw);
      if (feedback) runLayer(ctx, view, 'tool', feedback);
    },
  };
}
