/** Makes a real worker handle: the module worker wrapped with comlink. */
import * as Comlink from 'comlink';
import type { SolverApi } from '../../workers/api.ts';
import type { WorkerHandle } from './client.ts';

export function createWorkerHandle(): WorkerHandle {
  const worker = new Worker(new URL('../../workers/solver.worker.ts', import.meta.url), {
    type: 'module',
    name: 'ot-solver',
  });
  const api = Comlink.wrap<SolverApi>(worker);
  return {
    api: api as unknown as WorkerHandle['api'],
    terminate: () => {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
    onCrash: (cb) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        cb(e.message || 'worker error');
      });
    },
  };
}
