/**
 * Contour lines of the convex Brenier potential φ (∇φ = T) from its values on the lattice, drawn
 * under the clouds. Levels are spaced quadratically above the lattice's minimum, so for a roughly
 * quadratic φ the rings come out evenly spaced. Contours are computed once per map (d3-contour)
 * and cached; drawing only maps them to pixels.
 */
import { contours } from 'd3-contour';
import type { BrenierResult } from '../../../workers/methods/brenierTypes.ts';
import type { StageView } from '../../stage/view.ts';
import { currentBrenierMap, useBrenierToggles } from './brenierMap.ts';

/** Number of contour levels. */
const LEVELS = 14;

/** Rings of one level in plane coordinates, each as [x0, y0, x1, y1, ...]; segments on the lattice's border are marked NaN. */
type Rings = Float64Array[];

const cache = new WeakMap<BrenierResult, Rings[]>();

/** The contour rings of φ, one entry per level (plane units). */
export function potentialContours(r: BrenierResult): Rings[] {
  const hit = cache.get(r);
  if (hit) return hit;
  const { spec, potential } = r.view;
  const { nx, ny, lattice: b } = spec;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of potential) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const out: Rings[] = [];
  if (!(hi > lo)) {
    cache.set(r, out);
    return out;
  }
  // Contour −φ: its superlevel sets are φ's (convex) sublevel sets, so each level is one ring.
  const neg = Array.from(potential, (v) => -v);
  const thresholds = Array.from(
    { length: LEVELS },
    (_, k) => -(lo + (hi - lo) * ((k + 1) / (LEVELS + 1)) ** 2),
  );
  const gen = contours().size([nx, ny]).thresholds(thresholds);
  const dx = (b.x1 - b.x0) / (nx - 1);
  const dy = (b.y1 - b.y0) / (ny - 1);
  for (const level of gen(neg)) {
    const rings: Rings = [];
    for (const polygon of level.coordinates) {
      for (const ring of polygon) {
        const pts = new Float64Array(2 * ring.length);
        ring.forEach(([cx, cy], k) => {
          // d3-contour puts value (i, j) at (i + 0.5, j + 0.5); points on the frame are border, not level.
          const border = cx <= 0 || cy <= 0 || cx >= nx || cy >= ny;
          pts[2 * k] = border ? NaN : b.x0 + (cx - 0.5) * dx;
          pts[2 * k + 1] = border ? NaN : b.y0 + (cy - 0.5) * dy;
        });
        rings.push(pts);
      }
    }
    out.push(rings);
  }
  cache.set(r, out);
  return out;
}

export function drawContours(ctx: CanvasRenderingContext2D, view: StageView): void {
  const r = currentBrenierMap();
  if (!r || !useBrenierToggles.getState().showContours) return;
  const path = new Path2D();
  for (const rings of potentialContours(r)) {
    for (const ring of rings) {
      let pen = false;
      for (let k = 0; k < ring.length; k += 2) {
        const x = ring[k];
        if (Number.isNaN(x)) {
          pen = false;
          continue;
        }
        const px = view.sx(x);
        const py = view.sy(ring[k + 1]);
        if (pen) path.lineTo(px, py);
        else path.moveTo(px, py);
        pen = true;
      }
    }
  }
  ctx.strokeStyle = view.theme.muted;
  ctx.globalAlpha = view.theme.dark ? 0.55 : 0.45;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.stroke(path);
}
