/**
 * What the stage and the charts show of the trained flows: the selected model's trajectories
 * (N×(K+1)×2) are integrated on lane 'flow-integrate' whenever the model, the Euler steps, the
 * integrator or the starting points change (the stage interpolates along them at the playback time
 * t); every model is evaluated (straightness, W₂² by Euler steps) on lane 'flow-eval' on the
 * current clouds, one after another, again when the clouds or the source change.
 */
import * as Comlink from 'comlink';
import type { FlowEvaluateResult, Integrator } from '../../../workers/methods/flowTypes.ts';
import { sourceCloud, targetCloud } from '../../scenario/types.ts';
import { proxied, solverClient } from '../../solver/solver.ts';
import { clearResult, putResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import {
  copyModel,
  dataKey,
  dataRequest,
  flowState,
  sameKey,
  selectedEntry,
  startPoints,
  type FlowPaths,
} from './state.ts';
import { watchScenario } from '../../state/watchScenario.ts';

export const FLOW_INTEGRATE_LANE = 'flow-integrate';
export const FLOW_EVAL_LANE = 'flow-eval';
/** Results-cache key of the selected model's trajectories (`FlowPaths`). */
export const FLOW_PATHS = 'flow-paths';

/** Particles on the stage at most (the source cloud is subsampled beyond this). */
const MAX_PARTICLES = 800;

let evalRunning = false;

/**
 * Evaluates, one at a time, every model not yet evaluated on the current clouds, while Flow is the
 * method (Flow's runs live exactly as long): an evaluation that ends, or a training that goes on,
 * after another method was opened must not start the next one from that method's scenario, which
 * has no Flow parameters (the bandwidth is NaN there). The rest waits until Flow is opened again.
 */
export function evaluatePending(): void {
  const s = useStore.getState().scenario;
  if (evalRunning || s.method !== 'flow') return;
  const key = dataKey(s);
  const entry = flowState.get().models.find((m) => !sameKey(m.evalKey, key));
  if (!entry) return;
  evalRunning = true;
  void solverClient
    .run<FlowEvaluateResult>(FLOW_EVAL_LANE, (api, jobId, progress) => {
      const { req, transfer } = dataRequest(s, jobId);
      return api.evaluateFlow(
        Comlink.transfer(
          { ...req, model: copyModel(entry.model), seed: s.seed, sampleSize: 500, maxSteps: 128 },
          transfer,
        ),
        proxied(progress),
      );
    })
    .then((out) => {
      evalRunning = false;
      if (out.status === 'done') {
        flowState.set((st) => ({
          models: st.models.map((m) =>
            m.id === entry.id ? { ...m, evaluation: out.value, evalKey: key } : m,
          ),
        }));
      } else if (out.status === 'error') {
        useStore.getState().notify('error', out.message);
        return;
      }
      evaluatePending();
    });
}

let pathsRun = 0;
let pathsKey: unknown[] = [];

/** Integrates the selected model's trajectories when what they depend on changed. */
function integrateSelected(): void {
  const s = useStore.getState().scenario;
  // The store's listeners hear a switch to another method before Flow's runs are stopped.
  if (s.method !== 'flow') return;
  const entry = selectedEntry();
  const key = [
    entry?.id,
    s.params.eulerSteps,
    s.params.integrator,
    s.params.source,
    sourceCloud(s),
    targetCloud(s),
    s.seed,
  ];
  if (key.length === pathsKey.length && key.every((v, k) => v === pathsKey[k])) return;
  pathsKey = key;
  if (!entry) {
    solverClient.cancel(FLOW_INTEGRATE_LANE);
    clearResult(FLOW_PATHS);
    return;
  }
  const steps = Number(s.params.eulerSteps);
  const method = (s.params.integrator === 'heun' ? 'heun' : 'euler') as Integrator;
  void solverClient
    .run(FLOW_INTEGRATE_LANE, async (api, jobId, progress) => {
      const x0 = await startPoints(api, s, jobId, MAX_PARTICLES);
      const n = x0.length >> 1;
      const r = await api.integrateFlow(
        Comlink.transfer({ jobId, model: copyModel(entry.model), x0, steps, method }, [x0.buffer]),
        proxied(progress),
      );
      return { n, r };
    })
    .then((out) => {
      if (out.status === 'done' && out.value.r.trajectories) {
        const paths: FlowPaths = {
          modelId: entry.id,
          n: out.value.n,
          steps,
          trajectories: out.value.r.trajectories,
        };
        putResult(FLOW_PATHS, ++pathsRun, paths);
      } else if (out.status === 'error') {
        useStore.getState().notify('error', out.message);
      }
    });
}

/**
 * While Flow is the method: keeps the selected model's trajectories and every model's evaluation
 * up to date. Returns the stop function.
 */
export function startFlowPaths(): () => void {
  pathsKey = [];
  const update = () => {
    integrateSelected();
    evaluatePending();
  };
  update();
  const offStore = watchScenario('flow', update);
  const offFlow = flowState.subscribe((st, prev) => {
    if (st.models !== prev.models || st.selectedId !== prev.selectedId) update();
  });
  return () => {
    offStore();
    offFlow();
    solverClient.cancel(FLOW_INTEGRATE_LANE);
    // Its models are evaluated again (from their cloud) when Flow is opened again.
    solverClient.cancel(FLOW_EVAL_LANE);
  };
}
