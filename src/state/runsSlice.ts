/**
 * The runs slice: one small summary per lane (status, progress, scalar readouts). Large typed
 * arrays of a result live in `results.ts`, keyed by the same run id, never in the store.
 */
import type { StateCreator } from 'zustand';
import type { Store } from './store.ts';

export type RunStatus = 'running' | 'done' | 'error' | 'cancelled';

export interface RunSummary {
  /** Unique per run; matches the results cache entry. */
  id: number;
  status: RunStatus;
  /** Fraction done in [0, 1] while running. */
  progress: number;
  progressText?: string;
  /** Error message when status is 'error'. */
  error?: string;
  /** Wall time of the run as the client saw it, ms. */
  elapsedMs?: number;
}

export interface RunsSlice {
  runs: Record<string, RunSummary | undefined>;
  /** Creates or replaces a lane's summary. */
  setRun: (lane: string, run: RunSummary) => void;
  /** Updates a lane's summary if it still belongs to run `id` (late messages of old runs are dropped). */
  patchRun: (lane: string, id: number, patch: Partial<RunSummary>) => void;
}

export const createRunsSlice: StateCreator<Store, [], [], RunsSlice> = (set, get) => ({
  runs: {},
  setRun: (lane, run) => set({ runs: { ...get().runs, [lane]: run } }),
  patchRun: (lane, id, patch) => {
    const cur = get().runs[lane];
    if (!cur || cur.id !== id) return;
    set({ runs: { ...get().runs, [lane]: { ...cur, ...patch } } });
  },
});
