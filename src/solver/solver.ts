/**
 * The app's one solver client and the helpers that turn the open scenario into worker requests.
 * Arrays are copied before they are transferred: the store keeps its own.
 */
import * as Comlink from 'comlink';
import type { CloudsRequest, JobProgress, SolverApi } from '../../workers/api.ts';
import type { Scenario } from '../scenario/types.ts';
import { SolverClient, type Outcome } from './client.ts';
import { createWorkerHandle } from './workerHandle.ts';

export const solverClient = new SolverClient({ createHandle: createWorkerHandle });

/** Copies the scenario's clouds into a request; the returned list holds the buffers to transfer. */
export function cloudsRequest(s: Scenario, jobId: number): { req: CloudsRequest; transfer: ArrayBuffer[] } {
  const x = s.source.points.slice();
  const y = s.target.points.slice();
  const a = s.source.weights ? s.source.weights.slice() : null;
  const b = s.target.weights ? s.target.weights.slice() : null;
  const transfer = [x.buffer, y.buffer, ...(a ? [a.buffer] : []), ...(b ? [b.buffer] : [])] as ArrayBuffer[];
  return { req: { jobId, x, y, a, b, cost: s.cost }, transfer };
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
