/** Builds the `PlanResult` the app draws from a kernel's sparse plan, and its transfer list. */
import type { PlanResult } from './api.ts';
import type { SparsePlan } from './kernels/exact/exact.ts';
import { planImage } from './kernels/planImage.ts';

/** Entropy −Σ P log P of the plan's entries (zeros contribute 0). */
/** The buffers of a PlanResult, for `Comlink.transfer`. */
export function planTransferList(r: PlanResult): ArrayBuffer[] {
  const list = [
    r.plan.i.buffer,
    r.plan.j.buffer,
    r.plan.mass.buffer,
    r.f.buffer,
    r.g.buffer,
    r.image.cells.buffer,
  ];
  if (r.errorHistory) list.push(r.errorHistory.iterations.buffer, r.errorHistory.errors.buffer);
  return list as ArrayBuffer[];
}

/** Common fields from a sparse plan; `x` (source points) orders the image rows. */
export function planFields(
  plan: SparsePlan,
  x: Float64Array,
  m: number,
): Pick<PlanResult, 'plan' | 'image' | 'n' | 'm'> {
  return { plan, image: planImage(plan, x, m), n: x.length >> 1, m };
}

/** L1 marginal error of a sparse plan against a and b, both sides summed. */
export function sparseMarginalError(plan: SparsePlan, a: Float64Array, b: Float64Array): number {
  const ra = a.slice();
  const rb = b.slice();
  for (let k = 0; k < plan.mass.length; k++) {
    ra[plan.i[k]] -= plan.mass[k];
    rb[plan.j[k]] -= plan.mass[k];
  }
  let e = 0;
  for (const v of ra) e += Math.abs(v);
  for (const v of rb) e += Math.abs(v);
  return e;
}
