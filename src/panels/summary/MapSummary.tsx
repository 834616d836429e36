/**
 * A Brenier map as text: one summary sentence, and a short table of sample points x_i and where
 * the map sends them, T(x_i).
 */
import { useMemo } from 'react';
import type { BrenierResult } from '../../../workers/methods/brenierTypes.ts';
import { useStore } from '../../state/store.ts';
import { formatNumber } from '../../lib/format.ts';
import { mapSentence, summarizeMap } from './mapSummary.ts';
import { PointCell, SummarySentence } from './SummarySentence.tsx';
import { SummaryTable } from './SummaryTable.tsx';
import { formatPoint } from '../../lib/text.ts';
import { sourceCloud } from '../../scenario/types.ts';

/** Sample rows in the table. */
const SAMPLES = 6;

export interface MapSummaryProps {
  /** The map of the selected estimator, if computed. */
  map: BrenierResult | undefined;
  estimator: 'entropic' | 'icnn';
}

export function MapSummary({ map, estimator }: MapSummaryProps) {
  const x = useStore((s) => sourceCloud(s.scenario).points);
  const a = useStore((s) => sourceCloud(s.scenario).weights);
  const tx = map?.view.mappedSource;
  const s = useMemo(() => summarizeMap(x, tx ?? new Float64Array(0), a, SAMPLES), [x, tx, a]);
  const name = estimator === 'icnn' ? 'neural' : 'entropic';
  return (
    <div className="summary">
      <SummarySentence text={mapSentence(s, name, s.points ? map?.view.w2 : undefined)} />
      {s.rows.length > 0 && (
        <SummaryTable
          title="Map as a table"
          caption={`Where the ${name} map T sends ${s.rows.length} of the source points (numbered from 0), and how far.`}
          columns={[
            { label: 'Source x', point: true },
            { label: 'T(x)', point: true },
            { label: 'Distance' },
          ]}
          rows={s.rows.map((row) => ({
            key: row.i,
            cells: [
              <PointCell index={row.i} text={formatPoint(row.x[0], row.x[1])} />,
              formatPoint(row.tx[0], row.tx[1]),
              formatNumber(row.distance, 3),
            ],
          }))}
        />
      )}
    </div>
  );
}
