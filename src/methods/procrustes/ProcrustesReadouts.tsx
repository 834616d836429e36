/**
 * The fitted motion as numbers: angle, reflection, scale, translation, RMSD; for
 * Wasserstein-Procrustes also the objective and a table of the restarts (start angle, final angle,
 * objective), the best highlighted.
 */
import type { ProcrustesResponse } from '../../../workers/methods/procrustes.ts';
import { formatNumber } from '../../lib/format.ts';
import { RunFacts } from '../../panels/RunFacts.tsx';

/** Degrees with one decimal and a true minus sign, e.g. "−40.0°". */
export function formatDegrees(rad: number): string {
  const d = (rad * 180) / Math.PI;
  const text = (Math.abs(d) < 0.05 ? 0 : d).toFixed(1);
  return `${text.replace('-', '−')}°`;
}

const signed = (v: number, digits: number) => formatNumber(v, digits).replace(/^-/, '−');

export function ProcrustesReadouts({ r, scaling }: { r: ProcrustesResponse; scaling: boolean }) {
  const matched =
    r.mode === 'index'
      ? `${r.partners.i.length.toLocaleString('en-US')} index pairs`
      : r.mode === 'pairs'
        ? `${r.partners.i.length.toLocaleString('en-US')} drawn pairs`
        : `optimal plan (${r.partners.i.length.toLocaleString('en-US')} entries)`;
  return (
    <dl className="readouts" aria-label="Alignment readouts">
      <dt>Angle</dt>
      <dd data-testid="procrustes-angle">{formatDegrees(r.angle)}</dd>
      <dt>Reflected</dt>
      <dd data-testid="procrustes-reflected">
        {r.reflected ? `yes, mirror axis at ${formatDegrees(r.angle / 2)}` : 'no'}
      </dd>
      <dt>Scale</dt>
      <dd data-testid="procrustes-scale">{scaling ? formatNumber(r.scale, 4) : '1 (fixed)'}</dd>
      <dt>Translation</dt>
      <dd data-testid="procrustes-translation">
        ({signed(r.translation[0], 3)}, {signed(r.translation[1], 3)})
      </dd>
      <dt>RMSD</dt>
      <dd data-testid="procrustes-rmsd">{formatNumber(r.rmsd, 3)}</dd>
      <dt>Matched by</dt>
      <dd>{matched}</dd>
      <RunFacts timeMs={r.timeMs} />
    </dl>
  );
}

/** The Wasserstein-Procrustes restarts, one row each, the winner marked. */
export function RestartsTable({ r }: { r: ProcrustesResponse }) {
  const search = r.search;
  if (!search) return null;
  const sampled = search.sample;
  return (
    <div className="procrustes-restarts numtable">
      <table>
        <caption>
          Restarts{sampled ? ` on ${sampled.n}-point samples` : ''}; the lowest objective (★) wins
          {sampled ? ' and is refined on all points' : ''}.
        </caption>
        <thead>
          <tr>
            <th scope="col">Start</th>
            <th scope="col">Final angle</th>
            <th scope="col">Objective</th>
          </tr>
        </thead>
        <tbody>
          {search.restarts.map((q, k) => {
            const best = k === search.bestRestart;
            return (
              <tr key={k} className={best ? 'best' : undefined} aria-current={best ? 'true' : undefined}>
                <td>
                  {/* Start angles are multiples of 360° / 8: whole degrees. */}
                  {`${Math.round((q.initialAngle * 180) / Math.PI)}°`.replace('-', '−')}
                  {q.initialReflected ? ' mirror' : ''}
                </td>
                <td>
                  {formatDegrees(q.angle)}
                  {q.reflected ? ' mirror' : ''}
                </td>
                <td>
                  {formatNumber(q.objective, 3)}
                  {best && (
                    <span className="best-mark">
                      {' ★'}
                      <span className="visually-hidden"> best</span>
                    </span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="help">
        Final objective Σ P<sub>ij</sub> |s R x<sub>i</sub> + t − y<sub>j</sub>|² ={' '}
        <span data-testid="procrustes-objective">{formatNumber(search.objective, 4)}</span>
        {search.converged ? '' : ' (stopped at the iteration cap)'}.
      </p>
    </div>
  );
}
