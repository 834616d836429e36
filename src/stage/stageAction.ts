/**
 * A panel's own action at a point of the stage, for tools that live in a panel rather than in the
 * palette (the Procrustes pair tool). While one is registered, Enter or Space on the focused stage
 * runs it at the keyboard cursor instead of the palette tool, so the panel's tool is reachable
 * without a pointer. One at a time: the latest registration wins.
 */
import type { StageView } from './view.ts';

/**
 * Acts at plane position (x, y); `hitRadiusPx` is how far (CSS px) a point may be to count as hit.
 * Returns the sentence to announce to screen readers.
 */
export type StageAction = (x: number, y: number, view: StageView, hitRadiusPx: number) => string;

let current: { id: string; act: StageAction; label: string } | null = null;
const listeners = new Set<() => void>();
const changed = () => {
  for (const l of listeners) l();
};

/**
 * Registers `act` under `id`, with `label` for the stage's key hint ("pick / pair"); returns the
 * function that removes it (if still the registered one).
 */
export function registerStageAction(id: string, act: StageAction, label: string): () => void {
  const entry = { id, act, label };
  current = entry;
  changed();
  return () => {
    if (current !== entry) return;
    current = null;
    changed();
  };
}

/** The registered action, or null when the palette tool acts. */
export function stageAction(): StageAction | null {
  return current?.act ?? null;
}

/** The registered action's label, or null (for `useSyncExternalStore`). */
export function stageActionLabel(): string | null {
  return current?.label ?? null;
}

/** Calls `listener` when an action is registered or removed; returns the unsubscribe function. */
export function subscribeStageAction(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
