/**
 * Typed access to one method's part of the method-state slice (see `methodStateSlice.ts`):
 *
 * ```ts
 * export const flowState = defineMethodState('flow', { models: [], selectedId: null });
 * flowState.get().models; flowState.set({ selectedId: 3 }); flowState.use((s) => s.models);
 * ```
 */
import { useStore } from './store.ts';

export interface MethodStateHandle<T extends object> {
  /** The current state (the initial one until first set). */
  get(): T;
  /** Merges a patch, or the patch a function of the current state returns. */
  set(patch: Partial<T> | ((s: T) => Partial<T>)): void;
  /** React hook: the selected part, re-rendering when it changes (by `Object.is`). */
  use<U>(select: (s: T) => U): U;
  /** Calls `listener` after each change of this state; returns the unsubscribe function. */
  subscribe(listener: (s: T, prev: T) => void): () => void;
}

export function defineMethodState<T extends object>(key: string, initial: T): MethodStateHandle<T> {
  const read = (all: Readonly<Record<string, unknown>>): T => (all[key] as T | undefined) ?? initial;
  return {
    get: () => read(useStore.getState().methodState),
    set: (patch) => {
      const p = typeof patch === 'function' ? patch(read(useStore.getState().methodState)) : patch;
      useStore.getState().patchMethodState(key, { ...read(useStore.getState().methodState), ...p });
    },
    use: (select) => useStore((s) => select(read(s.methodState))),
    subscribe: (listener) =>
      useStore.subscribe((s, prev) => {
        const a = read(s.methodState);
        const b = read(prev.methodState);
        if (a !== b) listener(a, b);
      }),
  };
}
