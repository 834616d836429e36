/**
 * A seeded random walk around the degenerate cases: each draw takes a case of `cases.ts`, scales
 * it by 10^u (u uniform in [−9, 11]), sometimes moves it by up to 1e12, and runs one kernel on it
 * (exact OT, the entropic map and its view, Wasserstein-Procrustes, Procrustes with pairs, neural
 * OT and its view, a rectified flow with one Reflow round and its metrics). Every result must be
 * finite. Draws with a coordinate beyond 1e12 (the scenario limit) are skipped. Such a walk found
 * the zero-width Brenier box and the Sinkhorn cold-start overflow fixed beside these tests.
 */
import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { brenierGridSpec, evaluateBrenierView } from '../brenier/brenierGrid.ts';
import { costMatrix } from '../cost.ts';
import { absoluteEpsilon, entropicMap, fitEntropicMap } from '../brenier/entropicMap.ts';
import { entropicEvaluator } from '../brenier/entropicMapLattice.ts';
import { exactOT } from '../exact/exact.ts';
import { rectifiedFlow } from '../flow/flow.ts';
import { integrateFlow } from '../flow/flowIntegrate.ts';
import { evaluateFlowSteps } from '../flow/flowMetrics.ts';
import { FlowField } from '../flow/flowModel.ts';
import { flowDistributions } from '../flow/flowSampling.ts';
import { icnnEvaluator, icnnMap } from '../brenier/icnnMap.ts';
import { icnnTrain } from '../brenier/icnnTrain.ts';
import { procrustes } from '../procrustes/procrustes.ts';
import { wassersteinProcrustes } from '../procrustes/wassersteinProcrustes.ts';
import { CASES, expectAllFinite, unitWeights } from './cases.ts';

type Kernel = (
  x: Float64Array,
  y: Float64Array,
  a: Float64Array | null,
  b: Float64Array | null,
  rand: () => number,
) => void;

const KERNELS: Record<string, Kernel> = {
  exact(x, y, a, b, rand) {
    const C = costMatrix(x, y, rand() < 0.5 ? 'sqeuclidean' : 'euclidean');
    const r = exactOT(unitWeights(a, x.length >> 1), unitWeights(b, y.length >> 1), C);
    expectAllFinite(r);
    expect(r.status).toBe('optimal');
  },
  entropic(x, y, a, b, rand) {
    const an = unitWeights(a, x.length >> 1);
    const bn = unitWeights(b, y.length >> 1);
    const epsilon = absoluteEpsilon(10 ** (-6 + 8 * rand()), x, an, y, bn);
    const f = fitEntropicMap(x, an, y, bn, { epsilon, maxIterations: 200 });
    expect(f.sinkhorn.stop).not.toBe('non-finite');
    expectAllFinite(entropicMap(f.map, x));
    const spec = brenierGridSpec(x, y);
    expectAllFinite(evaluateBrenierView(entropicEvaluator(f.map), x, an, spec));
  },
  wassersteinProcrustes(x, y, a, b, rand) {
    expectAllFinite(
      wassersteinProcrustes(x, y, { a, b, restarts: 2, scaling: rand() < 0.5, reflection: rand() < 0.5 }),
    );
  },
  procrustes(x, y, _a, _b, rand) {
    const i = Int32Array.from({ length: x.length >> 1 }, (_, k) => k);
    const j = i.map((k) => k % (y.length >> 1));
    expectAllFinite(
      procrustes(x, y, { correspondence: { i, j }, scaling: rand() < 0.5, reflection: rand() < 0.5 }),
    );
  },
  icnn(x, y, a, b) {
    const an = unitWeights(a, x.length >> 1);
    const r = icnnTrain(x, an, y, unitWeights(b, y.length >> 1), { width: 4, steps: 2 }, randomLcg(1));
    expectAllFinite(r);
    expectAllFinite(icnnMap(r.model, x));
    expectAllFinite(evaluateBrenierView(icnnEvaluator(r.model), x, an, brenierGridSpec(x, y)));
  },
  flow(x, y, a, b, rand) {
    const source = rand() < 0.2 ? 'gaussian' : 'cloud';
    const d = flowDistributions({ x, a, y, b, source, bandwidth: rand() < 0.5 ? 0 : 10 * rand() });
    const rounds = rectifiedFlow(d.source, d.target, {
      seed: 1,
      trainSteps: 2,
      batchSize: 8,
      net: { width: 4, depth: 1, timeFeatures: 1 },
      reflow: 1,
      reflowPairs: { count: 8, steps: 2 },
      coupling: rand() < 0.5 ? 'minibatch-ot' : 'independent',
    });
    expectAllFinite(rounds.map((r) => [r.losses, r.model]));
    const field = new FlowField(rounds[1].model);
    expectAllFinite(integrateFlow(field, x, { steps: 2, method: 'heun' }));
    const ev = evaluateFlowSteps(field, d.source, d.target, {
      seed: 2,
      sampleSize: 4,
      maxSteps: 2,
      straightnessSteps: 2,
    });
    let s = ev.next();
    while (!s.done) s = ev.next();
    expectAllFinite(s.value);
  },
};

describe('a seeded random walk around the degenerate cases', () => {
  it.each(Object.keys(KERNELS))('%s: finite on 60 scaled and moved cases', (name) => {
    const rand = randomLcg(20261125 + name.length);
    let runs = 0;
    while (runs < 60) {
      const c = CASES[Math.floor(rand() * CASES.length)];
      const s = 10 ** (-9 + 20 * rand());
      const shift = rand() < 0.3 ? 10 ** (12 * rand()) : 0;
      const x = c.x.map((v) => v * s + shift);
      const y = c.y.map((v) => v * s + shift);
      if (x.some((v) => !(Math.abs(v) <= 1e12)) || y.some((v) => !(Math.abs(v) <= 1e12))) continue;
      runs++;
      try {
        KERNELS[name](x, y, c.a, c.b, rand);
      } catch (e) {
        throw new Error(`${c.name} × ${s} + ${shift}: ${String(e)}`);
      }
    }
  });
});
