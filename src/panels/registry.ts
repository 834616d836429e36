/**
 * Which methods the app offers and their display names. A method appears in the switcher once
 * its panel exists here; the scenario format knows all five (DESIGN.md section 2).
 */
import type { ComponentType } from 'react';
import type { MethodId } from '../scenario/types.ts';
import { BrenierPanel } from './BrenierPanel.tsx';
import { ExactPanel } from './ExactPanel.tsx';
import { FlowPanel } from './FlowPanel.tsx';
import { SinkhornPanel } from './SinkhornPanel.tsx';
import { ProcrustesPanel } from './ProcrustesPanel.tsx';

export const METHOD_LABELS: Record<MethodId, string> = {
  exact: 'Exact',
  sinkhorn: 'Sinkhorn',
  brenier: 'Brenier',
  flow: 'Flow',
  procrustes: 'Procrustes',
};

/** Method panels by id; filled in by each method's module. */
export const METHOD_PANELS: Partial<Record<MethodId, ComponentType>> = {
  exact: ExactPanel,
  sinkhorn: SinkhornPanel,
  brenier: BrenierPanel,
  flow: FlowPanel,
  procrustes: ProcrustesPanel,
};

/** Methods with a panel, in switcher order. */
export function availableMethods(): MethodId[] {
  return (Object.keys(METHOD_LABELS) as MethodId[]).filter((m) => METHOD_PANELS[m]);
}
