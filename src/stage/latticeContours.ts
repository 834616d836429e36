/**
 * Contour lines of a function sampled on a regular lattice (d3-contour), in plane units, and the
 * path that strokes them: shared by the layers that draw potentials (Brenier's convex potential,
 * the W1 critic and the exact Kantorovich potential).
 */
import { contours } from 'd3-contour';
import type { StageView } from './view.ts';

/** A lattice's extent, plane units (node (0, 0) at (x0, y0), node (nx − 1, ny − 1) at (x1, y1)). */
export interface LatticeBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * The rings of one level in plane coordinates, each as [x0, y0, x1, y1, ...]; points on the
 * lattice's border are NaN (they close a superlevel set along the frame and are not a level line).
 */
export type Rings = Float64Array[];

/**
 * The superlevel-set boundaries of `values` (nx × ny, row-major, row 0 at y0) at each threshold,
 * one entry per threshold.
 */
export function latticeContours(
  values: ArrayLike<number>,
  nx: number,
  ny: number,
  box: LatticeBox,
  thresholds: readonly number[],
): Rings[] {
  const gen = contours().size([nx, ny]).thresholds(thresholds.slice());
  const dx = (box.x1 - box.x0) / (nx - 1);
  const dy = (box.y1 - box.y0) / (ny - 1);
  const out: Rings[] = [];
  for (const level of gen(Array.from(values))) {
    const rings: Rings = [];
    for (const polygon of level.coordinates) {
      for (const ring of polygon) {
        const pts = new Float64Array(2 * ring.length);
        ring.forEach(([cx, cy], k) => {
          // d3-contour puts value (i, j) at (i + 0.5, j + 0.5); points on the frame are border, not level.
          const border = cx <= 0 || cy <= 0 || cx >= nx || cy >= ny;
          pts[2 * k] = border ? NaN : box.x0 + (cx - 0.5) * dx;
          pts[2 * k + 1] = border ? NaN : box.y0 + (cy - 0.5) * dy;
        });
        rings.push(pts);
      }
    }
    out.push(rings);
  }
  return out;
}

/** One path through every ring of every level, in canvas pixels, lifting the pen at border points. */
export function contourPath(levels: readonly Rings[], view: StageView): Path2D {
  const path = new Path2D();
  for (const rings of levels) {
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
  return path;
}
