/**
 * The method-state slice: each method's own session state (the flow's trained models, the Brenier
 * layer toggles, the Procrustes pair tool), kept in the one store under the method's key, so the
 * store itself names no method. A method declares its part with `defineMethodState` in its folder
 * and reads and writes it through the handle that returns.
 */
import type { StateCreator } from 'zustand';
import type { Store } from './store.ts';

export interface MethodStateSlice {
  /** Each method's state by key (replaced whole per key on every change). */
  methodState: Readonly<Record<string, unknown>>;
  /** Merges `patch` into the state under `key` (nothing changes when no field differs). */
  patchMethodState: (key: string, patch: Readonly<Record<string, unknown>>) => void;
}

export const createMethodStateSlice: StateCreator<Store, [], [], MethodStateSlice> = (set, get) => ({
  methodState: {},
  patchMethodState: (key, patch) => {
    const all = get().methodState;
    const cur = (all[key] ?? {}) as Record<string, unknown>;
    if (Object.keys(patch).every((k) => Object.is(cur[k], patch[k]))) return;
    set({ methodState: { ...all, [key]: { ...cur, ...patch } } });
  },
});
