/**
 * Degenerate inputs through the worker's method modules (`workers/methods/*.ts`), called directly
 * as the worker calls them: what they resolve with is what crosses the bridge and reaches the
 * stage, so every number in every result and progress message must be finite; what they reject
 * with becomes the notice the user reads, so it must name the problem.
 *
 * Documented exceptions: a flow progress message's `loss` is NaN while Reflow pairs are computed
 * (no training step yet; the UI reads `losses`, which is then empty).
 */
import { describe, expect, it } from 'vitest';
import type { CloudsRequest, JobProgress } from '../../api.ts';
import { brenierMethods } from '../../methods/brenier.ts';
import { exactMethods } from '../../methods/exact.ts';
import { flowMethods } from '../../methods/flow.ts';
import type { FlowDataRequest, FlowTrainProgress } from '../../methods/flowTypes.ts';
import { procrustesMethods } from '../../methods/procrustes.ts';
import { sinkhornMethods } from '../../methods/sinkhorn.ts';
import { statsMethods } from '../../methods/stats.ts';
import { costMatrix } from '../cost.ts';
import { CASES, expectAllFinite, getCase, type DegenerateCase } from './cases.ts';

let nextJob = 1;

function clouds(c: DegenerateCase): CloudsRequest {
  return { jobId: nextJob++, x: c.x, y: c.y, a: c.a, b: c.b, cost: 'sqeuclidean' };
}

/** The mean squared-Euclidean cost of a case, or 1 when it is 0 (absolute ε needs a scale). */
function costScale(c: DegenerateCase): number {
  const C = costMatrix(c.x, c.y, 'sqeuclidean');
  const mean = C.reduce((s, v) => s + v, 0) / C.length;
  return mean > 0 ? mean : 1;
}

/** A progress sink that checks every message as it arrives. */
function progressChecker(allow: readonly string[] = []) {
  let count = 0;
  return {
    onProgress: (p: JobProgress) => {
      count++;
      expectAllFinite(p, 'progress', allow);
      expect(p.fraction).toBeGreaterThanOrEqual(0);
      expect(p.fraction).toBeLessThanOrEqual(1);
    },
    get count() {
      return count;
    },
  };
}

describe.each(CASES)('worker methods on "$name"', (c) => {
  const n = c.x.length >> 1;
  const m = c.y.length >> 1;

  it('cost statistics, exact OT and Sinkhorn (ordinary and tiny ε) resolve with finite results', async () => {
    expectAllFinite(await statsMethods.costStats({ ...clouds(c), bins: 8 }, progressChecker().onProgress));
    expectAllFinite(await exactMethods.solveExact(clouds(c)));
    const scale = costScale(c);
    for (const [epsilon, maxIterations] of [
      [0.1 * scale, 10_000],
      [1e-6 * scale, 100],
      [1e-12, 100],
    ]) {
      const p = progressChecker();
      const r = await sinkhornMethods.solveSinkhorn(
        { ...clouds(c), epsilon, tolerance: 1e-6, maxIterations, warm: null },
        p.onProgress,
      );
      expectAllFinite(r);
      if (!r.converged) expect(r.stop).toBe('max-iterations');
    }
  });

  it('Procrustes in every applicable mode resolves with finite results', async () => {
    const modes = n === m ? (['index', 'none', 'pairs'] as const) : (['none', 'pairs'] as const);
    for (const mode of modes) {
      const i = Int32Array.from({ length: n }, (_, k) => k);
      const pairs = mode === 'pairs' ? { i, j: i.map((k) => k % m) } : null;
      const r = await procrustesMethods.alignProcrustes(
        { ...clouds(c), mode, pairs, scaling: true, reflection: true, seed: 1 },
        progressChecker().onProgress,
      );
      expectAllFinite(r);
    }
  });

  it('Brenier maps (entropic at relative ε 0.1 and 1e-6, neural OT) resolve with finite results', async () => {
    for (const epsilon of [0.1, 1e-6]) {
      const r = await brenierMethods.solveBrenierEntropic(
        { ...clouds(c), epsilon },
        progressChecker().onProgress,
      );
      expectAllFinite(r);
    }
    const r = await brenierMethods.trainBrenierIcnn(
      { ...clouds(c), width: 4, steps: 3, learningRate: 0.02, seed: 1 },
      progressChecker().onProgress,
    );
    expectAllFinite(r);
  });

  it('flow training, Reflow, integration, evaluation and sampling resolve with finite results', async () => {
    const data = (): FlowDataRequest => ({
      jobId: nextJob++,
      x: c.x,
      a: c.a,
      y: c.y,
      b: c.b,
      source: 'cloud',
      bandwidth: 0.03 * c.scale,
    });
    const net = { width: 4, depth: 1, timeFeatures: 1 };
    const check = progressChecker(['progress.loss']);
    const progress = (p: FlowTrainProgress) => {
      check.onProgress(p);
      if (p.phase === 'train') expect(Number.isFinite(p.loss)).toBe(true);
    };
    for (const coupling of ['independent', 'minibatch-ot'] as const) {
      const preview = { x0: c.x, steps: 2 };
      const trained = await flowMethods.trainFlow(
        { ...data(), seed: 2, steps: 3, batchSize: 8, net, coupling, snapshotEvery: 1, preview },
        progress,
      );
      expectAllFinite(trained);
      const reflowed = await flowMethods.reflowFlow(
        { ...data(), seed: 3, steps: 2, batchSize: 8, model: trained.model, pairs: 8, pairSteps: 2, preview },
        progress,
      );
      expectAllFinite(reflowed);
      const model = reflowed.model;
      expectAllFinite(
        await flowMethods.integrateFlow({ jobId: nextJob++, model, x0: c.x, steps: 3, method: 'heun' }),
      );
      expectAllFinite(
        await flowMethods.evaluateFlow({
          ...data(),
          model,
          seed: 4,
          sampleSize: 6,
          maxSteps: 2,
          straightnessSteps: 2,
        }),
      );
      expectAllFinite(await flowMethods.sampleFlowSource({ ...data(), count: 5, seed: 5 }));
    }
  });
});

describe('worker methods reject bad input with a message naming it', () => {
  const c = getCase('two points a side');
  const zeroA = { ...clouds(c), a: new Float64Array(2) };

  it('all-zero weights: every method names the weights', async () => {
    await expect(exactMethods.solveExact(zeroA)).rejects.toThrow(/weights/);
    await expect(
      sinkhornMethods.solveSinkhorn({ ...zeroA, epsilon: 1, tolerance: 1e-6, maxIterations: 10, warm: null }),
    ).rejects.toThrow(/weights/);
    for (const mode of ['index', 'none'] as const) {
      await expect(
        procrustesMethods.alignProcrustes({
          ...zeroA,
          mode,
          pairs: null,
          scaling: false,
          reflection: false,
          seed: 1,
        }),
      ).rejects.toThrow(/weights/);
    }
    await expect(brenierMethods.solveBrenierEntropic({ ...zeroA, epsilon: 0.1 })).rejects.toThrow(/weights/);
    await expect(
      brenierMethods.trainBrenierIcnn({ ...zeroA, width: 4, steps: 1, learningRate: 0.02, seed: 1 }),
    ).rejects.toThrow(/weights/);
    await expect(
      flowMethods.trainFlow({
        ...zeroA,
        source: 'cloud',
        bandwidth: 0,
        seed: 1,
        steps: 1,
        coupling: 'independent',
      }),
    ).rejects.toThrow(/weights/);
  });

  it('empty clouds, the Euclidean cost for Brenier, index pairs of unequal clouds', async () => {
    const empty = { ...clouds(c), x: new Float64Array(0), a: null };
    await expect(brenierMethods.solveBrenierEntropic({ ...empty, epsilon: 0.1 })).rejects.toThrow(
      /at least one point/,
    );
    await expect(
      brenierMethods.solveBrenierEntropic({ ...clouds(c), cost: 'euclidean', epsilon: 0.1 }),
    ).rejects.toThrow(/squared Euclidean/);
    await expect(
      procrustesMethods.alignProcrustes({
        ...clouds(getCase('many vs one point')),
        mode: 'index',
        pairs: null,
        scaling: false,
        reflection: false,
        seed: 1,
      }),
    ).rejects.toThrow(/as many source as target/);
  });

  it('flow integration with 0 or too many steps names the steps', async () => {
    const d = { jobId: nextJob++, x: c.x, a: null, y: c.y, b: null, source: 'cloud' as const, bandwidth: 0 };
    const trained = await flowMethods.trainFlow({
      ...d,
      seed: 1,
      steps: 1,
      batchSize: 8,
      net: { width: 4, depth: 1, timeFeatures: 1 },
      coupling: 'independent',
    });
    for (const steps of [0, 201]) {
      await expect(
        flowMethods.integrateFlow({
          jobId: nextJob++,
          model: trained.model,
          x0: c.x,
          steps,
          method: 'euler',
        }),
      ).rejects.toThrow(/steps/);
    }
  });
});
