/**
 * Which methods the app offers and their display names. A method appears in the switcher once
 * its panel exists here; the scenario format knows all five (DESIGN.md section 2).
 */
import { lazy, type ComponentType } from 'react';
import type { MethodId } from '../scenario/types.ts';

export const METHOD_LABELS: Record<MethodId, string> = {
  exact: 'Exact',
  sinkhorn: 'Sinkhorn',
  brenier: 'Brenier',
  flow: 'Flow',
  procrustes: 'Procrustes',
};

/**
 * Loaders of the method panels by id. Each panel (with its explanations, charts and stage layers)
 * is its own chunk, so the first paint carries only the stage and the open method's panel.
 */
const PANEL_LOADERS: Partial<Record<MethodId, () => Promise<ComponentType>>> = {
  exact: () => import('./ExactPanel.tsx').then((m) => m.ExactPanel),
  sinkhorn: () => import('./SinkhornPanel.tsx').then((m) => m.SinkhornPanel),
  brenier: () => import('./BrenierPanel.tsx').then((m) => m.BrenierPanel),
  flow: () => import('./FlowPanel.tsx').then((m) => m.FlowPanel),
  procrustes: () => import('./ProcrustesPanel.tsx').then((m) => m.ProcrustesPanel),
};

/** Method panels by id, as lazy components: render them inside a `Suspense`. */
export const METHOD_PANELS: Partial<Record<MethodId, ComponentType>> = Object.fromEntries(
  Object.entries(PANEL_LOADERS).map(([id, load]) => [id, lazy(() => load().then((c) => ({ default: c })))]),
);

/**
 * Fetches every panel's chunk in the background (after the first paint), so switching methods
 * later is instant and works offline once the page has loaded.
 */
export function preloadPanels(): void {
  for (const load of Object.values(PANEL_LOADERS)) void load();
}

/** Methods with a panel, in switcher order. */
export function availableMethods(): MethodId[] {
  return (Object.keys(METHOD_LABELS) as MethodId[]).filter((m) => METHOD_PANELS[m]);
}
