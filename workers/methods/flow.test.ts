import { describe, expect, it } from 'vitest';
import { twoMoons } from '../kernels/flow/flowTestKit.ts';
import { controlMethods } from './control.ts';
import { flowMethods } from './flow.ts';
import type { FlowDataRequest, FlowTrainProgress, FlowTrainRequest } from './flowTypes.ts';

let nextJob = 1;
const data = (): FlowDataRequest => ({
  jobId: nextJob++,
  x: new Float64Array(0),
  a: null,
  y: twoMoons(200, 0.05, 1),
  b: null,
  source: 'gaussian',
  bandwidth: 0.03,
});
const small = { width: 16, depth: 2, timeFeatures: 1 };

function trainRequest(steps: number, extra: Partial<FlowTrainRequest> = {}): FlowTrainRequest {
  return { ...data(), seed: 3, steps, batchSize: 32, net: small, coupling: 'independent', ...extra };
}

describe('flow worker methods', () => {
  it('trains with progress (every step loss once, snapshots with previews) and a result', async () => {
    const messages: FlowTrainProgress[] = [];
    const preview = { x0: Float64Array.from([0, 0, 1, 1, -1, 0]), steps: 4 };
    const r = await flowMethods.trainFlow(trainRequest(1000, { snapshotEvery: 50, preview }), (p) =>
      messages.push(p),
    );
    expect(r.stopped).toBe(false);
    expect(r.stepsDone).toBe(1000);
    expect(r.losses.length).toBe(1000);
    expect(r.model.params.length).toBeGreaterThan(0);
    expect(r.preview?.trajectories.length).toBe(3 * 5 * 2);
    expect(r.preview?.trajectories[0]).toBe(0);
    // The losses in the messages tile the steps sent, in order, and match the result's.
    let step = 0;
    for (const m of messages) {
      expect(m.phase).toBe('train');
      expect(m.firstStep).toBe(step);
      expect(m.losses.length).toBe(m.step - m.firstStep);
      for (let k = 0; k < m.losses.length; k++) expect(m.losses[k]).toBe(Math.fround(r.losses[step + k]));
      step = m.step;
      if (m.snapshot) {
        expect(m.snapshot.step % 50).toBe(0);
        expect(m.snapshot.model.params.length).toBe(r.model.params.length);
        expect(m.snapshot.preview?.trajectories.length).toBe(30);
      }
    }
    // Throttled (~25 messages a second), but a 1000-step run spans several messages and snapshots.
    expect(messages.filter((m) => m.snapshot).length).toBeGreaterThan(0);
    expect(step).toBeGreaterThan(0);
  });

  it('is reproducible from the seed', async () => {
    const a = await flowMethods.trainFlow(trainRequest(30));
    const b = await flowMethods.trainFlow(trainRequest(30));
    expect(b.model.params).toEqual(a.model.params);
  });

  it('stops early on request and keeps the network as it is', async () => {
    const req = trainRequest(100_000);
    let stopped = false;
    const r = await flowMethods.trainFlow(req, (p) => {
      if (!stopped && p.step >= 20) {
        stopped = true;
        controlMethods.stop(req.jobId);
      }
    });
    expect(r.stopped).toBe(true);
    expect(r.stepsDone).toBeGreaterThanOrEqual(20);
    expect(r.stepsDone).toBeLessThan(100_000);
    expect(r.losses.length).toBe(r.stepsDone);
    // Continuing from the stopped network keeps its frame and architecture.
    const more = await flowMethods.trainFlow(trainRequest(10, { init: r.model }));
    expect(more.model.frame).toEqual(r.model.frame);
    expect(more.model.params.length).toBe(r.model.params.length);
  });

  it('runs Reflow, integrates, evaluates and samples with a model passed in', async () => {
    const first = await flowMethods.trainFlow(trainRequest(50));
    const phases = new Set<string>();
    const second = await flowMethods.reflowFlow(
      { ...data(), seed: 4, steps: 50, batchSize: 32, model: first.model, pairs: 64, pairSteps: 8 },
      (p) => phases.add(p.phase),
    );
    expect(second.stepsDone).toBe(50);
    expect(second.pairsMs).toBeGreaterThan(0);
    expect(second.model.params).not.toEqual(first.model.params);
    expect(second.model.frame).toEqual(first.model.frame);

    const x0 = await flowMethods.sampleFlowSource({ ...data(), count: 10, seed: 1 });
    expect(x0.length).toBe(20);
    const path = await flowMethods.integrateFlow({
      jobId: nextJob++,
      model: second.model,
      x0,
      steps: 7,
      method: 'heun',
    });
    expect(path.trajectories?.length).toBe(10 * 8 * 2);
    expect(path.final.length).toBe(20);
    expect(path.trajectories?.[(3 * 8 + 7) * 2]).toBeCloseTo(path.final[6], 5);

    const ev = await flowMethods.evaluateFlow({
      ...data(),
      model: second.model,
      seed: 5,
      sampleSize: 40,
      maxSteps: 4,
    });
    expect(ev.w2.map((p) => p.steps)).toEqual([1, 2, 4]);
    expect(ev.straightness).toBeGreaterThanOrEqual(0);
    expect(ev.w2Floor).toBeGreaterThan(0);
  });
});
