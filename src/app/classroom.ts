/**
 * Classroom and embed modes, from the link's options (`classroom=1`, `embed=1`, `hide=...`; see
 * README, "Classroom links"). The options live here, outside the store: they are how the page is
 * presented, not part of the scenario, and undo never touches them.
 *
 * They are applied to the root element, so plain CSS does the work (theme.css):
 * - `.classroom` enlarges the chrome's type for a projector;
 * - `.embed` leaves the stage and the playback bar only, for an iframe;
 * - `data-hide="tools datasets"` hides those controls (`[data-hide~='tools'] .tool-palette`).
 *
 * Keyboard (always on, ignored while typing or with a dialog open): ←/→ step t by 0.05, R restarts
 * (t = 0), F toggles full screen. Space (play/pause) is in shortcuts.ts.
 */
import { useSyncExternalStore } from 'react';
import { DEFAULT_LINK_OPTIONS, type LinkOptions } from '../scenario/link.ts';
import { useStore } from '../state/store.ts';
import { isTyping } from './shortcuts.ts';

let current: LinkOptions = DEFAULT_LINK_OPTIONS;
const listeners = new Set<() => void>();

/** The presentation options in effect. */
export function getLinkOptions(): LinkOptions {
  return current;
}

/** Replaces the options, applies them to the page and tells subscribers (the address, the menu). */
export function setLinkOptions(next: LinkOptions): void {
  current = next;
  applyLinkOptions(next);
  for (const l of listeners) l();
}

/** Calls `listener` after every change of the options; returns the unsubscribe function. */
export function subscribeLinkOptions(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The options, for components. */
export function useLinkOptions(): LinkOptions {
  return useSyncExternalStore(subscribeLinkOptions, getLinkOptions);
}

/** Puts the options on the root element as classes and a `data-hide` list. */
export function applyLinkOptions(o: LinkOptions, root: HTMLElement = document.documentElement): void {
  root.classList.toggle('classroom', o.classroom);
  root.classList.toggle('embed', o.embed);
  if (o.hide.length) root.dataset.hide = o.hide.join(' ');
  else delete root.dataset.hide;
}

/** Step of t for one arrow key press. */
export const T_STEP = 0.05;

/** True when the event's target handles arrow keys itself (sliders, selects, the stage, radio groups). */
function ownsArrows(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.closest) return false;
  if (el.closest('.stage, [role="radiogroup"], [role="menu"], [role="tablist"]')) return true;
  return el.tagName === 'INPUT' || el.tagName === 'SELECT';
}

/** Installs ←/→, R and F; returns the uninstall function. */
export function installClassroomKeys(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
    if (document.querySelector('dialog[open]')) return;
    // Inside the File menu, keys belong to the menu.
    if ((e.target as HTMLElement | null)?.closest?.('[role="menu"]')) return;
    const s = useStore.getState();
    if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && !ownsArrows(e.target)) {
      s.setPlaying(false);
      s.setT(s.t + (e.key === 'ArrowRight' ? T_STEP : -T_STEP));
    } else if (e.key === 'r' || e.key === 'R') {
      s.setT(0);
    } else if (e.key === 'f' || e.key === 'F') {
      toggleFullscreen();
    } else return;
    e.preventDefault();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

/** Enters or leaves full screen (the whole page); browsers that refuse are ignored. */
export function toggleFullscreen(): void {
  const doc = document;
  if (doc.fullscreenElement) void doc.exitFullscreen?.().catch(() => {});
  else void doc.documentElement.requestFullscreen?.().catch(() => {});
}
