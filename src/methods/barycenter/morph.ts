/**
 * The morph: barycenters along a path of λ (lambdas.ts: for two clouds t ↦ (1 − t, t), for more
 * once around the corners), computed in one worker job (`morphBarycenter`, lane
 * 'barycenter-morph', each frame warm-started from the previous one) and played by the app's
 * playback time t. It is computed while the "Morph" toggle is on and re-computed when the clouds
 * or the solver's parameters change (not λ: the path covers every λ it shows).
 */
import * as Comlink from 'comlink';
import type {
  BarycenterGrid,
  BarycenterMorph,
  BarycenterMorphRequest,
} from '../../../workers/methods/barycenterTypes.ts';
import type { Scenario } from '../../scenario/types.ts';
import { cloudPayload, proxied, solverClient } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';
import { defineMethodState } from '../../state/methodState.ts';
import { clearResult } from '../../state/results.ts';
import { barycenterInputs, solverOf } from './inputs.ts';
import { morphPath } from './lambdas.ts';

/** Lane of the morph (`BarycenterMorph`). */
export const BARYCENTER_MORPH_LANE = 'barycenter-morph';

/** Whether the stage plays the morph instead of the barycenter at the chosen λ. */
export const barycenterToggles = defineMethodState('barycenter', { morph: false });

/** Frames of a morph through K clouds: every corner of the path is a frame (F − 1 a multiple of K). */
export const morphFrames = (K: number): number => (K <= 2 ? 25 : 10 * K + 1);

/** Computes the morph of `s` on its lane. */
export function runMorph(s: Scenario): Promise<void> {
  const inputs = barycenterInputs(s);
  if (inputs.problem) {
    solverClient.cancel(BARYCENTER_MORPH_LANE);
    clearResult(BARYCENTER_MORPH_LANE);
    return Promise.resolve();
  }
  const clouds = inputs.used.map((k) => s.clouds[k]);
  const frames = morphFrames(clouds.length);
  return trackRun<BarycenterMorph>(
    BARYCENTER_MORPH_LANE,
    s,
    (onProgress) =>
      solverClient.run(
        BARYCENTER_MORPH_LANE,
        (api, jobId, progress) => {
          const transfer: ArrayBuffer[] = [];
          const path = morphPath(clouds.length, frames);
          transfer.push(path.buffer as ArrayBuffer);
          const req: BarycenterMorphRequest = {
            jobId,
            clouds: clouds.map((c) => cloudPayload(c, transfer)),
            lambdas: path.slice(0, clouds.length),
            solver: solverOf(s),
            supportSize: Number(s.params.supportSize),
            init: s.params.init === 'first' ? 'first' : 'mixture',
            epsilon: Number(s.params.epsilon),
            gridSize: Number(s.params.gridSize),
            seed: s.seed,
            costs: false,
            path,
            frames,
          };
          return api.morphBarycenter(Comlink.transfer(req, transfer), proxied(progress));
        },
        onProgress,
      ),
    { reads: clouds },
  );
}

/**
 * The morph's support at playback time t in [0, 1]: frames are evenly spaced in t and point i
 * keeps its identity between frames, so positions are interpolated linearly between the two
 * nearest frames. `supports` is F×2k.
 */
export function morphSupportAt(supports: Float64Array, frames: number, t: number): Float64Array {
  const len = supports.length / frames;
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (frames - 1);
  const f = Math.min(frames - 2, Math.floor(u));
  const a = u - f;
  const out = new Float64Array(len);
  for (let e = 0; e < len; e++) out[e] = (1 - a) * supports[f * len + e] + a * supports[(f + 1) * len + e];
  return out;
}

const gridFrames = new WeakMap<BarycenterMorph, Map<number, BarycenterGrid>>();

/** The morph's grid density at time t: the nearest frame (one array per frame, cached). */
export function morphGridAt(m: BarycenterMorph, t: number): BarycenterGrid | null {
  if (!m.grid) return null;
  const f = Math.round(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (m.frames - 1));
  let byFrame = gridFrames.get(m);
  if (!byFrame) gridFrames.set(m, (byFrame = new Map()));
  let g = byFrame.get(f);
  if (!g) {
    const n = m.grid.size * m.grid.size;
    g = { ...m.grid, density: Float64Array.from(m.densities.subarray(f * n, (f + 1) * n)) };
    byFrame.set(f, g);
  }
  return g;
}
