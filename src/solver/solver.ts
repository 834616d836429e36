/**
 * The app's one solver client and the helpers that turn the open scenario into worker requests.
 * Arrays are copied before they are transferred: the store keeps its own.
 */
import * as Comlink from 'comlink';
import type { CloudsRequest, JobProgress, SolverApi } from '../../workers/api.ts';
import { sourceCloud, targetCloud, type Cloud, type Scenario } from '../scenario/types.ts';
import { SolverClient, type Outcome } from './client.ts';
import { createWorkerHandle } from './workerHandle.ts';

export const solverClient = new SolverClient({ createHandle: createWorkerHandle });

/**
 * Copies of a cloud's points and weights for a request (weights null when uniform), and `transfer`
 * extended with their buffers.
 */
export function cloudPayload(
  cloud: Cloud,
  transfer: ArrayBuffer[],
): { points: Float64Array; weights: Float64Array | null } {
  const points = cloud.points.slice();
  const weights = cloud.weights ? cloud.weights.slice() : null;
  transfer.push(points.buffer as ArrayBuffer, ...(weights ? [weights.buffer as ArrayBuffer] : []));
  return { points, weights };
}

/** Copies the scenario's source and target into a request; the returned list holds the buffers to transfer. */
export function cloudsRequest(s: Scenario, jobId: number): { req: CloudsRequest; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const src = cloudPayload(sourceCloud(s), transfer);
  const tgt = cloudPayload(targetCloud(s), transfer);
  return {
    req: { jobId, x: src.points, y: tgt.points, a: src.weights, b: tgt.weights, cost: s.cost },
    transfer,
  };
}

/** Wraps a progress callback so it can cross the worker boundary. */
export const proxied = (cb: (p: JobProgress) => void) => Comlink.proxy(cb);

/** Runs one API call on a lane with the scenario's clouds; the common shape of most jobs. */
export function runWithClouds<R, Extra extends object>(
  lane: string,
  s: Scenario,
  extra: Extra,
  call: (api: SolverApi, req: CloudsRequest & Extra, onProgress: (p: JobProgress) => void) => Promise<R>,
  onProgress?: (p: JobProgress) => void,
): Promise<Outcome<R>> {
  return solverClient.run(
    lane,
    (api, jobId, progress) => {
      const { req, transfer } = cloudsRequest(s, jobId);
      return call(api, Comlink.transfer({ ...req, ...extra }, transfer), proxied(progress));
    },
    onProgress,
  );
}

/** How long a Stop may take before the job is cancelled instead, ms. */
export const STOP_GRACE_MS = 2000;

/**
 * Stop for any method's run (the panels' Stop buttons): a training ends after its current step and
 * keeps its network or map; other jobs are cancelled and keep their last drawn state.
 */
export function stopRun(lane: string): void {
  solverClient.stop(lane, STOP_GRACE_MS);
}
