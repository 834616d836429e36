/**
 * Re-runs a job whenever the parts of the scenario it depends on change: the mechanism behind
 * "the plan follows while you drag". Each change starts a new run on the job's lane, which
 * supersedes the previous one (see client.ts); a short debounce coalesces bursts of edits.
 */
import type { Scenario } from '../scenario/types.ts';
import { useStore } from '../state/store.ts';

export interface AutoRunSpec {
  /** Values the job depends on; a change of any (by identity) triggers a run. */
  deps: (s: Scenario) => readonly unknown[];
  /** Whether the job applies to this scenario at all (e.g. only for its method). */
  enabled: (s: Scenario) => boolean;
  run: (s: Scenario) => void | Promise<void>;
  /** Delay after the last change, ms. */
  debounceMs?: number;
}

/** Subscribes to the store and runs once for the current scenario; returns the unsubscribe function. */
export function startAutoRun(spec: AutoRunSpec): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastDeps: readonly unknown[] | null = null;
  const consider = (s: Scenario) => {
    if (!spec.enabled(s)) {
      lastDeps = null;
      return;
    }
    const deps = spec.deps(s);
    if (lastDeps && deps.length === lastDeps.length && deps.every((d, k) => d === lastDeps![k])) return;
    lastDeps = deps;
    clearTimeout(timer);
    timer = setTimeout(() => void spec.run(s), spec.debounceMs ?? 16);
  };
  consider(useStore.getState().scenario);
  const unsub = useStore.subscribe((state, prev) => {
    if (state.scenario !== prev.scenario) consider(state.scenario);
  });
  return () => {
    clearTimeout(timer);
    unsub();
  };
}
