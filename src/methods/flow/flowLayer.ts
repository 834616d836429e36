/**
 * Stage layers of the flow: the learned ODE paths as polylines coloured from source to target
 * (under the clouds, toggle "Paths"), and particles at the playback time t, interpolated along
 * their trajectory (over the clouds).
 *
 * While a network trains, both draw the latest snapshot's preview; otherwise the selected model's
 * trajectories from the results cache. Data is read at draw time.
 */
import { interpolateRgb } from 'd3-interpolate';
import { FLOW_PATHS } from './paths.ts';
import { flowState, type FlowPaths } from './state.ts';
import { createLayerCache } from '../../stage/layerCache.ts';
import type { StageView } from '../../stage/view.ts';
import { getResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';

/** Trajectories to draw: N particles, K steps, N×(K+1)×2 values. */
interface Drawable {
  n: number;
  steps: number;
  trajectories: Float32Array;
}

/** The live preview while training, else the selected model's paths. */
export function currentTrajectories(): Drawable | undefined {
  const st = flowState.get();
  const p = st.live?.preview;
  if (p)
    return { n: p.trajectories.length / (2 * (p.steps + 1)), steps: p.steps, trajectories: p.trajectories };
  const r = getResult<FlowPaths>(FLOW_PATHS)?.value;
  if (!r || r.modelId !== st.selectedId) return undefined;
  return r;
}

/** Colour bands along time: each band is one stroke. */
const BANDS = 8;
/** Paths drawn at most (particles are all drawn). */
const MAX_PATHS = 400;

/** The paths change only with the trajectories: during playback they are one blit. */
const pathsCache = createLayerCache();

export function drawFlowPaths(ctx: CanvasRenderingContext2D, view: StageView): void {
  const d = currentTrajectories();
  if (!d || !flowState.get().showPaths) return;
  pathsCache.draw(ctx, view, [d.trajectories], (c, v) => paintFlowPaths(c, v, d));
}

function paintFlowPaths(ctx: CanvasRenderingContext2D, view: StageView, d: Drawable): void {
  const { n, steps: K, trajectories: tr } = d;
  const stride = Math.max(1, Math.ceil(n / MAX_PATHS));
  const colour = interpolateRgb(view.theme.source, view.theme.target);
  const row = 2 * (K + 1);
  ctx.lineWidth = 1;
  ctx.globalAlpha = 0.32;
  ctx.lineJoin = 'round';
  for (let b = 0; b < BANDS; b++) {
    const k0 = Math.floor((b * K) / BANDS);
    const k1 = Math.max(k0 + 1, Math.floor(((b + 1) * K) / BANDS));
    if (k0 >= K) continue;
    const path = new Path2D();
    for (let i = 0; i < n; i += stride) {
      const o = i * row;
      path.moveTo(view.sx(tr[o + 2 * k0]), view.sy(tr[o + 2 * k0 + 1]));
      for (let k = k0 + 1; k <= Math.min(k1, K); k++)
        path.lineTo(view.sx(tr[o + 2 * k]), view.sy(tr[o + 2 * k + 1]));
    }
    ctx.strokeStyle = colour((b + 0.5) / BANDS);
    ctx.stroke(path);
  }
}

export function drawFlowParticles(ctx: CanvasRenderingContext2D, view: StageView): void {
  const d = currentTrajectories();
  if (!d) return;
  const t = useStore.getState().t;
  const { n, steps: K, trajectories: tr } = d;
  const u = t * K;
  const k = Math.min(K - 1, Math.floor(u));
  const f = u - k;
  const row = 2 * (K + 1);
  const rad = Math.max(1.8, Math.min(3.5, 1.2 * Math.sqrt(view.zoom) + 1.3));
  const path = new Path2D();
  for (let i = 0; i < n; i++) {
    const o = i * row + 2 * k;
    const x = (1 - f) * tr[o] + f * tr[o + 2];
    const y = (1 - f) * tr[o + 1] + f * tr[o + 3];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const px = view.sx(x);
    const py = view.sy(y);
    path.moveTo(px + rad, py);
    path.arc(px, py, rad, 0, 2 * Math.PI);
  }
  ctx.globalAlpha = 0.9;
  ctx.fillStyle = interpolateRgb(view.theme.source, view.theme.target)(t);
  ctx.fill(path);
  ctx.globalAlpha = 0.6;
  ctx.lineWidth = 0.6;
  ctx.strokeStyle = view.theme.background;
  ctx.stroke(path);
}
