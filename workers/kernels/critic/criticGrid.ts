/**
 * A critic (or the exact potential) on an N×N lattice, for the heatmap, its contours and the
 * gradient arrows. Lattice point (c, r) is (x0 + (x1 − x0)·c/(N − 1), y0 + (y1 − y0)·r/(N − 1)),
 * stored row-major at r·N + c (row 0 at y0, as `latticePoints` of `brenierGrid.ts`).
 *
 * The network runs in chunks of `CHUNK` rows (a forward and an input-gradient pass each), and the
 * generator form yields between chunks so a large lattice of a large network can be cancelled.
 */
import { latticePoints, type Box } from '../brenier/brenierGrid.ts';
import { CriticEvaluator, type CriticModel } from './criticModel.ts';
import { evaluatePotential, type KantorovichPotential } from './criticExact.ts';

/** Values and gradients on the lattice. */
export interface CriticGrid {
  box: Box;
  /** Points per side (N). */
  size: number;
  /** N×N, row-major, row 0 at y0: f, plane units. */
  values: Float64Array;
  /** N×N×2, interleaved (∂f/∂x, ∂f/∂y) per lattice point, dimensionless. */
  gradients: Float64Array;
  /** Smallest and largest value (for the colour scale). */
  min: number;
  max: number;
}

/** Lattice points per network pass. */
export const CHUNK = 1024;

/** What {@link criticGridSteps} yields: lattice points done so far, of N². */
export interface GridProgress {
  done: number;
  total: number;
}

/**
 * Generator form of {@link criticGrid}: yields after every chunk of `CHUNK` points.
 * @param box the lattice's extent, plane units, x0 < x1 and y0 < y1 (finite)
 * @param size N, integer in 2..1024
 */
export function* criticGridSteps(
  model: CriticModel,
  box: Box,
  size: number,
): Generator<GridProgress, CriticGrid> {
  const points = lattice(box, size);
  const total = size * size;
  const values = new Float64Array(total);
  const gradients = new Float64Array(2 * total);
  const evaluator = new CriticEvaluator(model.spec, Math.min(CHUNK, total));
  for (let start = 0; start < total; start += CHUNK) {
    const end = Math.min(total, start + CHUNK);
    evaluator.evaluate(
      model,
      points.subarray(2 * start, 2 * end),
      values.subarray(start, end),
      gradients.subarray(2 * start, 2 * end),
    );
    if (end < total) yield { done: end, total };
  }
  return finish(box, size, values, gradients);
}

/** The critic's values (plane units) and gradients on the N×N lattice over `box`. */
export function criticGrid(model: CriticModel, box: Box, size: number): CriticGrid {
  const it = criticGridSteps(model, box, size);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/** The exact Kantorovich potential F (`criticExact.ts`) on the same lattice; O(N² m). */
export function potentialGrid(potential: KantorovichPotential, box: Box, size: number): CriticGrid {
  const points = lattice(box, size);
  const values = new Float64Array(size * size);
  const gradients = new Float64Array(2 * size * size);
  evaluatePotential(potential, points, values, gradients);
  return finish(box, size, values, gradients);
}

function lattice(box: Box, size: number): Float64Array {
  if (!Number.isInteger(size) || size < 2 || size > 1024)
    throw new RangeError(`critic grid: size must be an integer in 2..1024 (got ${size})`);
  const { x0, y0, x1, y1 } = box;
  if (![x0, y0, x1, y1].every(Number.isFinite) || !(x0 < x1 && y0 < y1))
    throw new RangeError('critic grid: the box must be finite with x0 < x1 and y0 < y1');
  return latticePoints({ lattice: box, nx: size, ny: size });
}

function finish(box: Box, size: number, values: Float64Array, gradients: Float64Array): CriticGrid {
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < values.length; k++) {
    if (values[k] < min) min = values[k];
    if (values[k] > max) max = values[k];
  }
  return { box, size, values, gradients, min, max };
}
