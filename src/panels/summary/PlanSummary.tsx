/**
 * The plan as text (exact OT, Sinkhorn): one summary sentence, and a "Plan as a table" disclosure
 * listing the largest flows x_i → y_j with their mass and cost.
 */
import { useMemo } from 'react';
import type { PlanResult } from '../../../workers/api.ts';
import { useStore } from '../../state/store.ts';
import { formatNumber } from '../../lib/format.ts';
import { planSentence, summarizePlan } from './planSummary.ts';
import { PointCell, SummarySentence } from './SummarySentence.tsx';
import { SummaryTable } from './SummaryTable.tsx';
import { formatPercent, formatPoint } from '../../lib/text.ts';
import { sourceCloud, targetCloud } from '../../scenario/types.ts';

/** Rows in the table. */
const TOP_FLOWS = 10;

export interface PlanSummaryProps {
  r: PlanResult;
  /** Sinkhorn: the plan holds the largest entries only (the sentence says "drawn entries"). */
  entropic?: boolean;
}

export function PlanSummary({ r, entropic = false }: PlanSummaryProps) {
  const x = useStore((s) => sourceCloud(s.scenario).points);
  const y = useStore((s) => targetCloud(s.scenario).points);
  const cost = useStore((s) => s.scenario.cost);
  const s = useMemo(() => summarizePlan(r.plan, x, y, cost, { top: TOP_FLOWS }), [r, x, y, cost]);
  const costName = cost === 'sqeuclidean' ? '|x−y|²' : '|x−y|';
  return (
    <div className="summary">
      <SummarySentence text={planSentence(s, entropic)} />
      {s.rows.length > 0 && (
        <SummaryTable
          title="Plan as a table"
          caption={
            <>
              The {s.rows.length === 1 ? 'largest flow' : `${s.rows.length} largest flows`}, largest mass
              first. Points are numbered from 0, as in exported plans; mass is a share of the total.
            </>
          }
          columns={[
            { label: 'From source', point: true },
            { label: 'To target', point: true },
            { label: 'Mass' },
            {
              label: (
                <>
                  <span className="visually-hidden">Cost </span>
                  {costName}
                </>
              ),
            },
          ]}
          rows={s.rows.map((row) => ({
            key: `${row.i}-${row.j}`,
            cells: [
              <PointCell index={row.i} text={formatPoint(row.x[0], row.x[1])} />,
              <PointCell index={row.j} text={formatPoint(row.y[0], row.y[1])} />,
              <span data-mass={row.share}>{formatPercent(row.share)}</span>,
              formatNumber(row.cost, 3),
            ],
          }))}
        />
      )}
    </div>
  );
}
