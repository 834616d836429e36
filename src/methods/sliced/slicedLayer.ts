/**
 * The sliced method on the stage.
 * - Under the clouds: the estimate's directions through the clouds' centre, faint, accumulating
 *   while it runs (the live lane), all L once solved; while the time bar plays, the first ⌈tL⌉.
 * - Over the clouds: the direction θ as a line through the centre with its drag handle, each
 *   point's projection as a tick beside the line (source on one side, target on the other), and
 *   the monotone matching as arcs from each source tick to the target tick it is matched with.
 * - On top: the flow's particles (live while it runs, then at the playback time t).
 * Data is read at draw time from the results cache and the store.
 */
import type {
  SlicedAngleResult,
  SlicedEstimateLive,
  SlicedEstimateResult,
  SlicedFlowLive,
  SlicedFlowOutcome,
} from '../../../workers/methods/slicedTypes.ts';
import type { StageView } from '../../stage/view.ts';
import { getResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import {
  SLICED_ANGLE_LANE,
  SLICED_FLOW_LANE,
  SLICED_FLOW_LIVE_LANE,
  SLICED_LANE,
  SLICED_LIVE_LANE,
} from './run.ts';
import { jointCentre } from './sliceView.ts';

/** The handle's distance from the centre, as a fraction of the stage's smaller side, CSS px. */
const HANDLE_REACH = 0.36;
/** Handle radius, CSS px. */
export const HANDLE_RADIUS = 8;
/** Matching arcs drawn at most (the heaviest are kept). */
const MAX_RUNGS = 800;

const centres = new WeakMap<Float64Array, WeakMap<Float64Array, [number, number]>>();

/** The clouds' joint centre in plane units (cached per pair of point arrays). */
export function sliceCentre(): [number, number] {
  const [c0, c1] = useStore.getState().scenario.clouds;
  if (!c0 || !c1) return [0, 0];
  let inner = centres.get(c0.points);
  if (!inner) centres.set(c0.points, (inner = new WeakMap()));
  let c = inner.get(c1.points);
  if (!c) inner.set(c1.points, (c = jointCentre([c0, c1])));
  return c;
}

/** θ in radians (the scenario's angle, degrees). */
export const sliceAngle = (): number => (Number(useStore.getState().scenario.params.angle) * Math.PI) / 180;

/** The handle's position, CSS px on the canvas. */
export function handlePixel(view: StageView): [number, number] {
  const [cx, cy] = sliceCentre();
  const th = sliceAngle();
  const r = HANDLE_REACH * Math.min(view.width, view.height);
  return [view.sx(cx) + r * Math.cos(th), view.sy(cy) - r * Math.sin(th)];
}

/** A full-width line through the centre at angle `th` (radians). */
function lineThrough(ctx: CanvasRenderingContext2D, view: StageView, th: number): void {
  const [cx, cy] = sliceCentre();
  const px = view.sx(cx);
  const py = view.sy(cy);
  const L = view.width + view.height;
  ctx.moveTo(px - L * Math.cos(th), py + L * Math.sin(th));
  ctx.lineTo(px + L * Math.cos(th), py - L * Math.sin(th));
}

/** Under the clouds: the estimate's directions so far. */
export function drawDirections(ctx: CanvasRenderingContext2D, view: StageView): void {
  const done = getResult<SlicedEstimateResult>(SLICED_LANE);
  const live = getResult<SlicedEstimateLive>(SLICED_LIVE_LANE);
  const useLive = live && (!done || live.runId > done.runId);
  let angles = useLive ? live.value.angles.subarray(0, live.value.done) : done?.value.angles;
  if (!angles || angles.length === 0) return;
  // While the time bar plays (and no flow uses it), the solved directions accumulate with t.
  const st = useStore.getState();
  if (!useLive && st.playing && !getResult(SLICED_FLOW_LANE)) {
    angles = angles.subarray(0, Math.max(1, Math.ceil(st.t * angles.length)));
  }
  ctx.beginPath();
  for (const th of angles) lineThrough(ctx, view, th);
  ctx.strokeStyle = view.theme.foreground;
  ctx.globalAlpha = Math.max(0.04, Math.min(0.25, 3 / angles.length));
  ctx.lineWidth = 1;
  ctx.stroke();
}

/** Over the clouds: θ's line, the projections' ticks, the matching's rungs and the handle. */
export function drawSlice(ctx: CanvasRenderingContext2D, view: StageView): void {
  const th = sliceAngle();
  const [cx, cy] = sliceCentre();
  const ux = Math.cos(th);
  const uy = -Math.sin(th); // canvas y points down
  const nx = -uy; // the line's normal, CSS px
  const ny = ux;
  ctx.beginPath();
  lineThrough(ctx, view, th);
  ctx.strokeStyle = view.theme.foreground;
  ctx.globalAlpha = 0.7;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  const r = getResult<SlicedAngleResult>(SLICED_ANGLE_LANE)?.value;
  // The result may be for an angle the handle has since left: draw only a matching slice.
  if (r && Math.abs(r.angleDegrees - (th * 180) / Math.PI) < 1e-9) {
    const ox = view.sx(cx);
    const oy = view.sy(cy);
    // Projection t (plane units along θ, from the origin) → its foot on the line, CSS px.
    const c0 = cx * Math.cos(th) + cy * Math.sin(th);
    const foot = (t: number): [number, number] => [ox + (t - c0) * view.k * ux, oy + (t - c0) * view.k * uy];
    const GAP = 4;
    // Each piece of the matching as an arc from the source tick to the target tick, bulging to the
    // source's side by half its length (capped): sorted order shows as arcs that keep their order.
    const arcs = new Path2D();
    const K = r.plan.mass.length;
    const floor = K > MAX_RUNGS ? [...r.plan.mass].sort((p, q) => q - p)[MAX_RUNGS - 1] : 0;
    for (let k = 0; k < K; k++) {
      if (r.plan.mass[k] < floor) continue;
      const [sx, sy] = foot(r.px[r.plan.i[k]]);
      const [tx, ty] = foot(r.py[r.plan.j[k]]);
      const bulge = Math.min(60, 0.5 * Math.hypot(tx - sx, ty - sy)) + GAP;
      arcs.moveTo(sx + GAP * nx, sy + GAP * ny);
      arcs.quadraticCurveTo(
        (sx + tx) / 2 + bulge * nx,
        (sy + ty) / 2 + bulge * ny,
        tx + GAP * nx,
        ty + GAP * ny,
      );
    }
    ctx.globalAlpha = 0.18;
    ctx.lineWidth = 0.8;
    ctx.strokeStyle = view.theme.foreground;
    ctx.stroke(arcs);
    const ticks = (p: Float64Array, side: number, colour: string) => {
      const path = new Path2D();
      for (const t of p) {
        const [x, y] = foot(t);
        path.moveTo(x + side * GAP * nx, y + side * GAP * ny);
        path.lineTo(x + side * (GAP + 7) * nx, y + side * (GAP + 7) * ny);
      }
      ctx.globalAlpha = 0.85;
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = colour;
      ctx.stroke(path);
    };
    ticks(r.px, 1, view.theme.source);
    ticks(r.py, -1, view.theme.target);
  }
  const [hx, hy] = handlePixel(view);
  ctx.globalAlpha = 1;
  ctx.beginPath();
  ctx.arc(hx, hy, HANDLE_RADIUS, 0, 2 * Math.PI);
  ctx.fillStyle = view.theme.background;
  ctx.fill();
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = view.theme.foreground;
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(hx, hy, 2.5, 0, 2 * Math.PI);
  ctx.fillStyle = view.theme.foreground;
  ctx.fill();
}

/** The flow's particles now: live while it runs, else the result's frames at the playback time. */
export function currentParticles(): Float64Array | undefined {
  const done = getResult<SlicedFlowOutcome>(SLICED_FLOW_LANE);
  const live = getResult<SlicedFlowLive>(SLICED_FLOW_LIVE_LANE);
  if (live && (!done || live.runId > done.runId)) return live.value.points;
  if (!done) return undefined;
  const { frames, frameCount } = done.value;
  const n2 = frames.length / frameCount;
  const u = useStore.getState().t * (frameCount - 1);
  const k = Math.min(frameCount - 2, Math.floor(u));
  const f = u - k;
  const out = new Float64Array(n2);
  for (let q = 0; q < n2; q++) out[q] = (1 - f) * frames[k * n2 + q] + f * frames[(k + 1) * n2 + q];
  return out;
}

/** On top: the flow's particles, in the foreground colour with the source's outline. */
export function drawFlowParticles(ctx: CanvasRenderingContext2D, view: StageView): void {
  const p = currentParticles();
  if (!p) return;
  const rad = Math.max(1.8, Math.min(3.5, 1.2 * Math.sqrt(view.zoom) + 1.3));
  const path = new Path2D();
  for (let i = 0; i < p.length; i += 2) {
    const x = view.sx(p[i]);
    const y = view.sy(p[i + 1]);
    path.moveTo(x + rad, y);
    path.arc(x, y, rad, 0, 2 * Math.PI);
  }
  ctx.globalAlpha = 0.9;
  ctx.fillStyle = view.theme.foreground;
  ctx.fill(path);
  ctx.globalAlpha = 0.9;
  ctx.lineWidth = 1;
  ctx.strokeStyle = view.theme.source;
  ctx.stroke(path);
}
