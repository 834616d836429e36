/**
 * What the unbalanced and partial panels show of a solved plan that need not move all the mass:
 * its readouts, the summary sentence and the plan's heatmap. `verb` names the mass not moved:
 * destroyed (unbalanced, which may also create mass) or left behind (partial, which never does).
 */
import type { MassPlanResult } from '../../../workers/methods/massPlanTypes.ts';
import { PlanHeatmap } from '../plan/PlanView.tsx';
import { SummarySentence } from '../summary/SummarySentence.tsx';
import { MassReadouts } from './MassReadouts.tsx';
import { massSentence } from './massSummary.ts';

export function MassPlanResults({ r, verb }: { r: MassPlanResult; verb: 'Destroyed' | 'Left behind' }) {
  const destroyed = verb === 'Destroyed';
  return (
    <>
      <MassReadouts r={r} verb={verb} />
      <SummarySentence
        text={massSentence({
          mass: r.mass,
          cost: r.cost,
          unmovedSource: r.destroyed.source,
          unmovedTarget: r.destroyed.target,
          createdTarget: destroyed ? r.created.target : 0,
          verb: destroyed ? 'destroyed' : 'left behind',
        })}
      />
      <PlanHeatmap r={r} />
    </>
  );
}
