/**
 * The methods' UI modules, discovered: every `src/methods/<id>/ui.tsx` default-exports a
 * `MethodUi` (its panel and how its runs start), each its own lazily loaded chunk, so the first
 * paint carries only the stage and the open method's panel. Adding a method needs no line here.
 */
import type { ComponentType } from 'react';
import type { MethodId } from './index.ts';

/** What a method's UI module gives the shell. */
export interface MethodUi {
  /** The side panel (readouts, controls, explanation); it registers its own stage layers. */
  readonly Panel: ComponentType;
  /**
   * Starts the method's runs (auto-solves on edits, a first training) while it is the scenario's
   * method, whether or not its panel is shown (classroom links can hide the panel); returns the
   * function that stops them.
   */
  readonly start?: () => () => void;
}

const LOADERS = import.meta.glob<{ default: MethodUi }>('./*/ui.tsx');

/** Loads the UI module of `id` (a rejected promise when its chunk cannot be fetched). */
export function loadMethodUi(id: MethodId): Promise<MethodUi> {
  const load = LOADERS[`./${id}/ui.tsx`];
  if (!load) return Promise.reject(new Error(`the ${id} method has no user interface module`));
  return load().then((m) => m.default);
}

/** Whether a UI module exists for `id` (tests check every method has one). */
export const hasMethodUi = (id: string): boolean => `./${id}/ui.tsx` in LOADERS;

const notPreloaded = Object.values(LOADERS);

/**
 * Starts fetching the next method chunk not yet preloaded; false when none is left. Called in the
 * background (after the first paint), so switching methods later is instant and works offline
 * once the page has loaded. One chunk per call: starting them all at once (each import adds its
 * modulepreload links to the document) was a 30 ms main-thread task.
 */
export function preloadNextMethodUi(): boolean {
  const load = notPreloaded.shift();
  if (!load) return false;
  void load().catch(() => {});
  return true;
}
