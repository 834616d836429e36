/** What the adaptation and decorrelation methods need from the scenario, and why they cannot run. Pure. */
import type { Cloud } from '../../scenario/types.ts';

/** Largest class label the kernels accept. */
export const MAX_CLASS = 9;

/**
 * Why `cloud` cannot serve as the labelled cloud (no points, no labels, a label outside 0–9, a
 * single class), or null when it can. `role` names it in the message ("The source").
 */
export function labelProblem(cloud: Cloud, role: string): string | null {
  const n = cloud.points.length >> 1;
  if (n === 0) return `${role} has no points.`;
  if (!cloud.labels || cloud.labels.length !== n) {
    return `${role} has no labels: load a dataset with parts (two moons, rings, spirals) or import a CSV with a label column.`;
  }
  const classes = new Set<number>();
  for (const l of cloud.labels) {
    if (l < 0 || l > MAX_CLASS) return `${role} has the label ${l}; classes must be 0 to ${MAX_CLASS}.`;
    classes.add(l);
  }
  if (classes.size < 2) return `${role} has a single class; it needs at least two.`;
  return null;
}

/** The square box around some clouds' points, with a margin of `margin` × its side: [xmin, xmax, ymin, ymax]. */
export function boxAround(clouds: readonly Cloud[], margin = 0.15): [number, number, number, number] {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const c of clouds) {
    const p = c.points;
    for (let k = 0; k < p.length; k += 2) {
      x0 = Math.min(x0, p[k]);
      x1 = Math.max(x1, p[k]);
      y0 = Math.min(y0, p[k + 1]);
      y1 = Math.max(y1, p[k + 1]);
    }
  }
  if (!(x1 >= x0)) return [-1, 1, -1, 1];
  const side = Math.max(x1 - x0, y1 - y0, 1e-9) * (1 + 2 * margin);
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  return [cx - side / 2, cx + side / 2, cy - side / 2, cy + side / 2];
}
