/**
 * Readouts of a plan that need not move all the mass: the transported mass, the cost, and per side
 * the mass destroyed (unbalanced) or left behind (partial), and created (unbalanced).
 */
import type { MassPlanResult } from '../../../workers/methods/massPlanTypes.ts';
import { formatNumber } from '../../lib/format.ts';
import { RunFacts } from '../RunFacts.tsx';

export function MassReadouts({ r, verb }: { r: MassPlanResult; verb: 'Destroyed' | 'Left behind' }) {
  const created = r.created.source + r.created.target > 1e-6;
  return (
    <dl className="readouts" aria-label="Plan readouts">
      <dt>Transported mass Σ P</dt>
      <dd data-testid="transported-mass">{formatNumber(r.mass, 4)}</dd>
      <dt>Transport cost ⟨P, C⟩</dt>
      <dd data-testid="plan-cost">{formatNumber(r.cost, 6)}</dd>
      <dt>{verb}, source</dt>
      <dd data-testid="unmoved-source">{formatNumber(r.destroyed.source, 3)}</dd>
      <dt>{verb}, target</dt>
      <dd data-testid="unmoved-target">{formatNumber(r.destroyed.target, 3)}</dd>
      {created && (
        <>
          <dt>Created, source</dt>
          <dd>{formatNumber(r.created.source, 3)}</dd>
          <dt>Created, target</dt>
          <dd>{formatNumber(r.created.target, 3)}</dd>
        </>
      )}
      <RunFacts
        label={r.algorithm === 'exact' ? 'Pivots' : 'Iterations'}
        iterations={r.iterations}
        converged={r.converged}
        timeMs={r.timeMs}
      />
    </dl>
  );
}
