/**
 * What the Brenier layers and readouts draw: the map of the estimator the scenario selects (the
 * entropic map, or the neural map — its final result, or while training its latest preview), and
 * the stage toggles (grid, contours, arrows), the method's part of the store.
 */
import { defineMethodState } from '../../state/methodState.ts';
import type { BrenierResult, BrenierTrainingProgress } from '../../../workers/methods/brenierTypes.ts';
import { BRENIER_ICNN_LANE, BRENIER_ICNN_LIVE_LANE, BRENIER_LANE } from './run.ts';
import { getResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';

/** Which layers of the map the stage shows. */
export interface BrenierToggles {
  showGrid: boolean;
  showContours: boolean;
  showArrows: boolean;
}

export const brenierToggles = defineMethodState<BrenierToggles>('brenier', {
  showGrid: true,
  showContours: true,
  showArrows: false,
});

/** The neural map to draw: the final result, else the latest training preview. */
export function icnnMapNow(): BrenierResult | undefined {
  return (
    getResult<BrenierResult>(BRENIER_ICNN_LANE)?.value ??
    getResult<BrenierTrainingProgress>(BRENIER_ICNN_LIVE_LANE)?.value.preview
  );
}

/** The map of the selected estimator, if any. */
export function currentBrenierMap(): BrenierResult | undefined {
  const estimator = useStore.getState().scenario.params.estimator;
  return estimator === 'icnn' ? icnnMapNow() : getResult<BrenierResult>(BRENIER_LANE)?.value;
}

/**
 * RMS distance between two maps at the source points, √(Σ a_i |T₁(x_i) − T₂(x_i)|²), with uniform
 * weights when `a` is null; undefined when they were computed for different clouds.
 */
export function mapDistance(p: Float64Array, q: Float64Array, a: Float64Array | null): number | undefined {
  if (p.length !== q.length || p.length === 0) return undefined;
  const n = p.length >> 1;
  let total = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const w = a ? a[i] : 1;
    total += w;
    s += w * ((p[2 * i] - q[2 * i]) ** 2 + (p[2 * i + 1] - q[2 * i + 1]) ** 2);
  }
  return total > 0 ? Math.sqrt(s / total) : undefined;
}
