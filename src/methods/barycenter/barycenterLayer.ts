/**
 * The barycenter on the stage: the free support as points in the foreground colour (area by
 * weight, like the clouds), drawn over the clouds; the grid solver's density as filled contours
 * (d3-contour) under them. While a solve runs, the live state (the support moving, the density
 * converging) is drawn; otherwise the solved result; with the morph on, the morph at the
 * playback time t.
 */
import { contours } from 'd3-contour';
import type {
  BarycenterGrid,
  BarycenterLive,
  BarycenterMorph,
} from '../../../workers/methods/barycenterTypes.ts';
import { drawCloud } from '../../stage/layers/clouds.ts';
import type { StageView } from '../../stage/view.ts';
import { getResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { BARYCENTER_MORPH_LANE, barycenterToggles, morphGridAt, morphSupportAt } from './morph.ts';
import { BARYCENTER_LANE, BARYCENTER_LIVE_LANE } from './run.ts';

/** Filled contour levels of the density, as fractions of its maximum. */
export const DENSITY_LEVELS = [0.05, 0.15, 0.3, 0.5, 0.7, 0.9];

/** The morph's frame at the playback time, as a drawable state. */
function morphNow(m: BarycenterMorph): BarycenterLive {
  const t = useStore.getState().t;
  const grid = morphGridAt(m, t);
  return {
    kind: m.kind,
    iteration: 0,
    support: grid ? new Float64Array(0) : morphSupportAt(m.supports, m.frames, t),
    supportWeights: m.supportWeights,
    grid,
  };
}

/**
 * What to draw now: the morph at the playback time when it is on and computed; else the live state
 * of a running solve when newer than the result; else the result.
 */
export function currentBarycenter(): BarycenterLive | undefined {
  if (barycenterToggles.get().morph) {
    const m = getResult<BarycenterMorph>(BARYCENTER_MORPH_LANE);
    if (m) return morphNow(m.value);
  }
  const done = getResult<BarycenterLive>(BARYCENTER_LANE);
  const live = getResult<BarycenterLive>(BARYCENTER_LIVE_LANE);
  if (live && (!done || live.runId > done.runId)) return live.value;
  return done?.value;
}

/** One level's polygons in plane units: rings as [x0, y0, x1, y1, ...]. */
export type LevelRings = Float64Array[];

const cache = new WeakMap<Float64Array, LevelRings[]>();

/**
 * The filled contours of a grid density at `DENSITY_LEVELS` × its maximum, one entry per level
 * (outer rings and holes together; fill them even-odd). Node (i, j) of the grid sits at
 * (xmin + i h, ymin + j h), h = side / (N − 1). Cached per density array.
 */
export function densityContours(g: BarycenterGrid): LevelRings[] {
  const hit = cache.get(g.density);
  if (hit) return hit;
  const N = g.size;
  let max = 0;
  for (const v of g.density) if (v > max) max = v;
  const out: LevelRings[] = [];
  if (max > 0) {
    const [x0, x1, y0] = g.bounds;
    const h = (x1 - x0) / (N - 1);
    const gen = contours()
      .size([N, N])
      .thresholds(DENSITY_LEVELS.map((f) => f * max));
    for (const level of gen(Array.from(g.density))) {
      const rings: LevelRings = [];
      for (const polygon of level.coordinates) {
        for (const ring of polygon) {
          const pts = new Float64Array(2 * ring.length);
          // d3-contour puts value (i, j) at (i + 0.5, j + 0.5).
          ring.forEach(([cx, cy], k) => {
            pts[2 * k] = x0 + (cx - 0.5) * h;
            pts[2 * k + 1] = y0 + (cy - 0.5) * h;
          });
          rings.push(pts);
        }
      }
      out.push(rings);
    }
  }
  cache.set(g.density, out);
  return out;
}

/** Layer under the clouds: the grid barycenter's density, darker where it is denser. */
export function drawDensity(ctx: CanvasRenderingContext2D, view: StageView): void {
  const b = currentBarycenter();
  if (!b?.grid) return;
  ctx.fillStyle = view.theme.foreground;
  for (const rings of densityContours(b.grid)) {
    const path = new Path2D();
    for (const ring of rings) {
      for (let k = 0; k < ring.length; k += 2) {
        const px = view.sx(ring[k]);
        const py = view.sy(ring[k + 1]);
        if (k === 0) path.moveTo(px, py);
        else path.lineTo(px, py);
      }
      path.closePath();
    }
    // Levels are nested: each adds a little opacity over the ones below.
    ctx.globalAlpha = view.theme.dark ? 0.16 : 0.12;
    ctx.fill(path, 'evenodd');
  }
}

/** Layer over the clouds: the free support, one point per support point, area by weight. */
export function drawSupport(ctx: CanvasRenderingContext2D, view: StageView): void {
  const b = currentBarycenter();
  if (!b || b.kind !== 'support' || b.support.length === 0) return;
  drawCloud(
    ctx,
    view,
    { name: 'barycenter', points: b.support, weights: b.supportWeights, labels: null },
    view.theme.foreground,
  );
}
