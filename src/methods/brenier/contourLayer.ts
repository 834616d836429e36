/**
 * Contour lines of the convex Brenier potential φ (∇φ = T) from its values on the lattice, drawn
 * under the clouds. Levels are spaced quadratically above the lattice's minimum, so for a roughly
 * quadratic φ the rings come out evenly spaced. Contours are computed once per map (d3-contour)
 * and cached; drawing only maps them to pixels.
 */
import type { BrenierResult } from '../../../workers/methods/brenierTypes.ts';
import { contourPath, latticeContours, type Rings } from '../../stage/latticeContours.ts';
import type { StageView } from '../../stage/view.ts';
import { currentBrenierMap, brenierToggles } from './brenierMap.ts';

/** Number of contour levels. */
const LEVELS = 14;

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
  if (!(hi > lo)) {
    cache.set(r, []);
    return [];
  }
  // Contour −φ: its superlevel sets are φ's (convex) sublevel sets, so each level is one ring.
  const neg = Array.from(potential, (v) => -v);
  const thresholds = Array.from(
    { length: LEVELS },
    (_, k) => -(lo + (hi - lo) * ((k + 1) / (LEVELS + 1)) ** 2),
  );
  const out = latticeContours(neg, nx, ny, b, thresholds);
  cache.set(r, out);
  return out;
}

export function drawContours(ctx: CanvasRenderingContext2D, view: StageView): void {
  const r = currentBrenierMap();
  if (!r || !brenierToggles.get().showContours) return;
  const path = contourPath(potentialContours(r), view);
  ctx.strokeStyle = view.theme.muted;
  ctx.globalAlpha = view.theme.dark ? 0.55 : 0.45;
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.stroke(path);
}
