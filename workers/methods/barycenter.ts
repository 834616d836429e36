/**
 * Worker methods of Wasserstein barycenters.
 * - `solveBarycenter`: one barycenter; progress carries what to draw (the free support after each
 *   update, or the grid density as it converges), so the stage animates the support moving.
 * - `morphBarycenter`: barycenters along a path of λ (the playback's morph), each frame started
 *   from the previous one (the previous support, or the grid's scalings), so the frames are
 *   consistent and cheap; progress carries the frame count done.
 * Both run through `runSteps`: time-sliced, cancellable, throttled progress.
 */
import * as Comlink from 'comlink';
import type { JobProgress } from '../api.ts';
import { runSteps } from '../runner.ts';
import { barycenterSteps } from './barycenterSolve.ts';
import type {
  BarycenterLive,
  BarycenterMorph,
  BarycenterMorphRequest,
  BarycenterRequest,
  BarycenterResult,
} from './barycenterTypes.ts';

/** The buffers of a live state or result, to transfer. */
function buffers(x: BarycenterLive | BarycenterResult): ArrayBuffer[] {
  const out = [x.support.buffer, x.supportWeights.buffer] as ArrayBuffer[];
  if (x.grid) out.push(x.grid.density.buffer as ArrayBuffer);
  if ('costs' in x) {
    if (x.costs) out.push(x.costs.buffer as ArrayBuffer);
    if (x.scalings) out.push(x.scalings.buffer as ArrayBuffer);
    out.push(x.history.buffer as ArrayBuffer);
  }
  // A support's weights may be shared between yields (the kernel reuses them): transfer each once.
  return [...new Set(out)];
}

/** A live state that owns its arrays (the kernel keeps some between yields). */
function detached(p: BarycenterLive): BarycenterLive {
  return {
    ...p,
    support: p.support.slice(),
    supportWeights: p.supportWeights.slice(),
    grid: p.grid && { ...p.grid, density: p.grid.density.slice() },
  };
}

export const barycenterMethods = {
  /** The barycenter of the request's clouds; progress carries drawable states. Cancellable. */
  async solveBarycenter(
    req: BarycenterRequest,
    onProgress?: (p: JobProgress<BarycenterLive>) => void,
  ): Promise<BarycenterResult> {
    const r = await runSteps(
      req.jobId,
      barycenterSteps(req.clouds, req),
      (p): JobProgress<BarycenterLive> => {
        const data = detached(p);
        return Comlink.transfer({ fraction: 0, text: `iteration ${p.iteration}`, data }, buffers(data));
      },
      onProgress,
    );
    return Comlink.transfer(r, buffers(r));
  },

  /**
   * Barycenters along `req.path` (F×K λ rows), each warm-started from the previous frame. Returns
   * every frame; progress says how many are done. Cancellable between frames and inside them.
   */
  async morphBarycenter(
    req: BarycenterMorphRequest,
    onProgress?: (p: JobProgress) => void,
  ): Promise<BarycenterMorph> {
    const K = req.clouds.length;
    const F = req.frames;
    if (!(Number.isInteger(F) && F >= 2 && req.path.length === F * K)) {
      throw new RangeError(`morphBarycenter: the path must hold ${F} rows of ${K} weights`);
    }
    let frame = 0;
    function* frames(): Generator<number, BarycenterMorph> {
      const supports: Float64Array[] = [];
      const densities: Float64Array[] = [];
      let last: BarycenterResult | null = null;
      for (frame = 0; frame < F; frame++) {
        const lambdas = req.path.slice(frame * K, (frame + 1) * K);
        const start = last && last.kind === 'support' ? last.support : null;
        const warm = last?.scalings ?? null;
        const r: BarycenterResult = yield* drain(
          barycenterSteps(req.clouds, { ...req, lambdas, start, warm, costs: false }),
        );
        if (r.grid) densities.push(r.grid.density);
        else supports.push(r.support);
        last = r;
        yield frame;
      }
      const k = supports.length ? supports[0].length : 0;
      const allSupports = new Float64Array(F * k);
      supports.forEach((s, f) => allSupports.set(s, f * k));
      const g = last!.grid;
      const allDensities = new Float32Array(g ? F * g.density.length : 0);
      densities.forEach((d, f) => allDensities.set(d, f * d.length));
      return {
        kind: g ? 'grid' : 'support',
        frames: F,
        supports: allSupports,
        supportWeights: last!.supportWeights,
        densities: allDensities,
        grid: g && { size: g.size, bounds: g.bounds, blur: g.blur },
      };
    }
    const out = await runSteps(
      req.jobId,
      frames(),
      (): JobProgress => ({ fraction: frame / F, text: `frame ${frame + 1} of ${F}` }),
      onProgress,
    );
    return Comlink.transfer(out, [out.supports.buffer, out.densities.buffer] as ArrayBuffer[]);
  },
};

/** Runs an inner generator inside an outer one, yielding −1 for each of its steps (slice points). */
function* drain<R>(inner: Generator<unknown, R>): Generator<number, R> {
  for (;;) {
    const r = inner.next();
    if (r.done) return r.value;
    yield -1;
  }
}
