/**
 * Stage layers of the Procrustes panel.
 *
 * Under the clouds: drawn pairs (dashed lines x_i → y_j, in "Drawn pairs" mode) and, as the
 * animation reaches t = 1, residual lines from each aligned source point to its partner (the index
 * pair, the drawn pair, or the optimal plan of Wasserstein-Procrustes, opacity by mass).
 *
 * Over the clouds: the original source washed out, the moving copy of the source at
 * `motionAt(fit, t)` (playback time t: t = 0 where it is, t = 1 aligned), a small arc showing the
 * angle turned so far, and the pair tool's half-made pair.
 *
 * The fit is applied to the current source points, so the copy follows a drag at once, before the
 * re-solve answers; partner indices are checked against the current clouds.
 */
import type { ProcrustesResponse } from '../../../workers/methods/procrustes.ts';
import { PROCRUSTES_LANE } from './run.ts';
import { baseRadius } from '../../stage/layers/clouds.ts';
import type { StageView } from '../../stage/view.ts';
import { getResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { alignModeOf } from './alignMode.ts';
import { applyMotion, motionAt } from './motion.ts';
import { pairTool, pairsOf, validPairs } from './pairs.ts';
import { sourceCloud, targetCloud } from '../../scenario/types.ts';

/** The latest alignment, or undefined. */
export function currentAlignment(): ProcrustesResponse | undefined {
  return getResult<ProcrustesResponse>(PROCRUSTES_LANE)?.value;
}

/** Residual lines fade in over the last part of the animation: 0 before `RESIDUAL_FROM`, 1 at t = 1. */
const RESIDUAL_FROM = 0.8;
/** Opacity buckets for plan-weighted residual lines (one path each). */
const BUCKETS = 6;

/** Dashed drawn pairs and the residual lines at the end of the motion. */
export function drawProcrustesUnder(ctx: CanvasRenderingContext2D, view: StageView): void {
  const s = useStore.getState();
  const x = sourceCloud(s.scenario).points;
  const y = targetCloud(s.scenario).points;
  const n = x.length >> 1;
  const m = y.length >> 1;
  if (alignModeOf(s.scenario.params.correspondence) === 'pairs') {
    const p = validPairs(pairsOf(s.scenario), n, m);
    const path = new Path2D();
    for (let k = 0; k < p.i.length; k++) {
      path.moveTo(view.sx(x[2 * p.i[k]]), view.sy(x[2 * p.i[k] + 1]));
      path.lineTo(view.sx(y[2 * p.j[k]]), view.sy(y[2 * p.j[k] + 1]));
    }
    ctx.strokeStyle = view.theme.accent;
    ctx.lineWidth = 1.25;
    ctx.setLineDash([5, 4]);
    ctx.globalAlpha = 0.85;
    ctx.stroke(path);
    ctx.setLineDash([]);
  }

  const fit = currentAlignment();
  const fade = Math.min(1, Math.max(0, (s.t - RESIDUAL_FROM) / (1 - RESIDUAL_FROM)));
  if (!fit || fade <= 0) return;
  const aligned = applyMotion(fit, x);
  const { i, j, w } = fit.partners;
  let maxW = 0;
  for (let k = 0; k < w.length; k++) maxW = Math.max(maxW, w[k]);
  if (!(maxW > 0)) return;
  const paths = Array.from({ length: BUCKETS }, () => new Path2D());
  for (let k = 0; k < w.length; k++) {
    if (i[k] >= n || j[k] >= m || w[k] <= 0) continue;
    const rel = w[k] / maxW;
    if (rel < 0.02) continue;
    const p = paths[Math.min(BUCKETS - 1, Math.floor(rel * BUCKETS))];
    p.moveTo(view.sx(aligned[2 * i[k]]), view.sy(aligned[2 * i[k] + 1]));
    p.lineTo(view.sx(y[2 * j[k]]), view.sy(y[2 * j[k] + 1]));
  }
  ctx.strokeStyle = view.theme.foreground;
  ctx.lineWidth = 1;
  for (let b = 0; b < BUCKETS; b++) {
    ctx.globalAlpha = fade * (0.15 + (0.55 * (b + 1)) / BUCKETS);
    ctx.stroke(paths[b]);
  }
}

/** The washed-out original, the moving copy, the angle arc and the pending pick. */
export function drawProcrustesOver(ctx: CanvasRenderingContext2D, view: StageView): void {
  const s = useStore.getState();
  const x = sourceCloud(s.scenario).points;
  const n = x.length >> 1;
  const fit = currentAlignment();
  const r0 = baseRadius(n);
  if (fit && n > 0) {
    // Wash the original source out so the moving copy reads as "the source", its start as a ghost.
    ctx.fillStyle = view.theme.background;
    ctx.globalAlpha = 0.6;
    fillDiscs(ctx, view, x, r0 + 0.8);
    ctx.globalAlpha = 1;

    const frame = motionAt(fit, s.t);
    const moved = applyMotion(frame, x);
    ctx.fillStyle = view.theme.source;
    ctx.strokeStyle = view.theme.background;
    ctx.lineWidth = 0.75;
    fillDiscs(ctx, view, moved, r0 + 0.4, n <= 3000);

    if (!fit.reflected && fit.rotationDetermined) drawAngleArc(ctx, view, fit, frame, s.t);
  }

  const pending = pairTool.get().pending;
  if (pending) {
    const cloud = s.scenario.clouds[pending.side]?.points ?? new Float64Array(0);
    if (pending.index < cloud.length >> 1) {
      ctx.beginPath();
      ctx.arc(view.sx(cloud[2 * pending.index]), view.sy(cloud[2 * pending.index + 1]), 8, 0, 2 * Math.PI);
      ctx.strokeStyle = view.theme.accent;
      ctx.lineWidth = 2.5;
      ctx.stroke();
    }
  }
}

/** Discs at interleaved points, filled (and outlined) in chunks, skipping those off screen. */
function fillDiscs(
  ctx: CanvasRenderingContext2D,
  view: StageView,
  p: Float64Array,
  r: number,
  outline = false,
): void {
  const CHUNK = 32;
  let count = 0;
  ctx.beginPath();
  for (let k = 0; k < p.length; k += 2) {
    const px = view.sx(p[k]);
    const py = view.sy(p[k + 1]);
    if (px < -r || py < -r || px > view.width + r || py > view.height + r) continue;
    ctx.moveTo(px + r, py);
    ctx.arc(px, py, r, 0, 2 * Math.PI);
    if (++count % CHUNK === 0) {
      ctx.fill();
      if (outline) ctx.stroke();
      ctx.beginPath();
    }
  }
  ctx.fill();
  if (outline) ctx.stroke();
}

/**
 * An arc at the moving centroid from the source's 0° direction to the angle turned so far (t ·
 * angle), with its value: the rotation being recovered, as it happens.
 */
function drawAngleArc(
  ctx: CanvasRenderingContext2D,
  view: StageView,
  fit: ProcrustesResponse,
  frame: { rotation: Float64Array; scale: number; translation: [number, number] },
  t: number,
): void {
  const turned = t * fit.angle;
  if (Math.abs(fit.angle) < 1e-3 || t <= 0) return;
  const [cx, cy] = fit.sourceCentroid;
  const R = frame.rotation;
  const px = view.sx(frame.scale * (R[0] * cx + R[1] * cy) + frame.translation[0]);
  const py = view.sy(frame.scale * (R[2] * cx + R[3] * cy) + frame.translation[1]);
  const radius = 26;
  ctx.strokeStyle = view.theme.foreground;
  ctx.fillStyle = view.theme.foreground;
  ctx.globalAlpha = 0.85;
  ctx.lineWidth = 1.5;
  // Reference direction (dashed) and the turned direction.
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  ctx.moveTo(px, py);
  ctx.lineTo(px + radius + 6, py);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(px, py);
  ctx.lineTo(px + (radius + 6) * Math.cos(turned), py - (radius + 6) * Math.sin(turned));
  ctx.stroke();
  // Canvas y points down: a counter-clockwise turn on the plane is clockwise on the canvas.
  ctx.beginPath();
  ctx.arc(px, py, radius, 0, -turned, turned > 0);
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(px, py, 2.5, 0, 2 * Math.PI);
  ctx.fill();
  const mid = turned / 2;
  const label = `${((turned * 180) / Math.PI).toFixed(0).replace('-', '−')}°`;
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const lx = px + (radius + 16) * Math.cos(mid);
  const ly = py - (radius + 16) * Math.sin(mid);
  ctx.lineWidth = 3;
  ctx.strokeStyle = view.theme.background;
  ctx.globalAlpha = 1;
  ctx.strokeText(label, lx, ly);
  ctx.fillText(label, lx, ly);
}
