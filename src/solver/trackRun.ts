/**
 * Runs one job and mirrors its life in the store: a run summary (status, progress, time) in the
 * runs slice, the result in the results cache, errors as a notice. Shared by every lane.
 */
import type { JobProgress } from '../../workers/api.ts';
import { targetCloud, sourceCloud, cloudSize, type Cloud, type Scenario } from '../scenario/types.ts';
import { putResult } from '../state/results.ts';
import { useStore } from '../state/store.ts';
import type { Outcome } from './client.ts';

let nextRunId = 1;

export interface TrackOptions<R> {
  /** Called with each progress message while the run is current (e.g. to store an iterate). */
  onProgress?: (p: JobProgress, runId: number) => void;
  /** Called with the result before it is stored. */
  onDone?: (value: R, runId: number) => void;
  /**
   * The clouds this run reads, each of which needs a point (default: the first two, a transport
   * pair). A one-cloud method passes its cloud; a barycenter passes the clouds it averages.
   */
  reads?: readonly Cloud[];
}

/**
 * @param start starts the job, given the progress callback to pass on
 */
export async function trackRun<R>(
  lane: string,
  s: Scenario,
  start: (onProgress: (p: JobProgress) => void) => Promise<Outcome<R>>,
  options: TrackOptions<R> = {},
): Promise<void> {
  const { setRun, patchRun, notify } = useStore.getState();
  const id = nextRunId++;
  const reads = options.reads ?? [sourceCloud(s), targetCloud(s)];
  if (reads.some((c) => cloudSize(c) === 0)) {
    const error =
      reads.length === 1
        ? 'The cloud needs at least one point.'
        : reads.length === 2
          ? 'Both clouds need at least one point.'
          : 'Every cloud used needs at least one point.';
    setRun(lane, { id, status: 'error', progress: 0, error });
    return;
  }
  const started = performance.now();
  setRun(lane, { id, status: 'running', progress: 0 });
  const out = await start((p) => {
    patchRun(lane, id, { progress: p.fraction, progressText: p.text });
    options.onProgress?.(p, id);
  });
  const elapsedMs = performance.now() - started;
  if (out.status === 'done') {
    options.onDone?.(out.value, id);
    // A result with NaN is refused by the cache (which tells the user); the run failed.
    if (putResult(lane, id, out.value)) patchRun(lane, id, { status: 'done', progress: 1, elapsedMs });
    else patchRun(lane, id, { status: 'error', error: 'The result held non-finite numbers; nothing drawn.' });
  } else if (out.status === 'error') {
    patchRun(lane, id, { status: 'error', error: out.message });
    notify('error', out.message);
  } else {
    patchRun(lane, id, { status: 'cancelled' });
  }
}
