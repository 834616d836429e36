/**
 * What the unbalanced and partial worker methods share: the drawable result from a dense plan
 * and its marginals, its transfer list, and the progress of a scaling solve.
 */
import * as Comlink from 'comlink';
import type { JobProgress } from '../api.ts';
import { massBalance } from '../kernels/plan.ts';
import { planImageDense } from '../kernels/planImage.ts';
import { drawnEntries } from './sinkhorn.ts';
import type { MassPlanProgress, MassPlanResult } from './massPlanTypes.ts';

/** The result of a dense n×m plan (row-major) with its marginals, transferred. */
export function massPlanResult(
  r: { plan: Float64Array; cost: number; mass: number; rowMass: Float64Array; colMass: Float64Array },
  p: { a: Float64Array; b: Float64Array; n: number; m: number; x: Float64Array },
  rest: Pick<MassPlanResult, 'iterations' | 'converged' | 'algorithm' | 'timeMs'>,
): MassPlanResult {
  const src = massBalance(p.a, r.rowMass);
  const tgt = massBalance(p.b, r.colMass);
  const out: MassPlanResult = {
    n: p.n,
    m: p.m,
    plan: drawnEntries(r.plan, p.n, p.m),
    image: planImageDense(r.plan, p.x, p.m),
    cost: r.cost,
    mass: r.mass,
    a: p.a,
    b: p.b,
    rowMass: r.rowMass,
    colMass: r.colMass,
    destroyed: { source: src.destroyed, target: tgt.destroyed },
    created: { source: src.created, target: tgt.created },
    ...rest,
  };
  return Comlink.transfer(out, [
    out.plan.i.buffer,
    out.plan.j.buffer,
    out.plan.mass.buffer,
    out.image.cells.buffer,
    out.a.buffer,
    out.b.buffer,
    out.rowMass.buffer,
    out.colMass.buffer,
  ] as ArrayBuffer[]);
}

/**
 * Progress of a scaling solve: on a log scale from the first change down to the tolerance.
 * Returns the mapper for `runSteps`.
 */
export function scalingProgress(tolerance: number): (p: MassPlanProgress) => JobProgress<MassPlanProgress> {
  let first = NaN;
  return (p) => {
    if (!(first > 0)) first = p.error;
    const span = Math.log(first / tolerance);
    const done = span > 0 ? Math.log(first / Math.max(p.error, tolerance)) / span : 0;
    return { fraction: Math.min(0.99, Math.max(0, done)), text: `iteration ${p.iteration}`, data: p };
  };
}
