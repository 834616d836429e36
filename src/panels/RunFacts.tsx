/**
 * The closing rows of a method's readouts list (inside its `<dl>`): the iteration count, marked
 * "(not converged)" when the solve stopped short of its tolerance, and the solve time in the
 * worker. One component so that every panel words and formats them alike.
 */
import { formatMs } from '../lib/format.ts';

export interface RunFactsProps {
  /** Iterations (pivots, updates…) of the solve; omitted: no such row. */
  iterations?: number;
  /** The row's label. Default "Iterations". */
  label?: string;
  /** Whether the solve met its tolerance. Default true. */
  converged?: boolean;
  /** The solve's wall time in the worker, ms. */
  timeMs: number;
  /** `data-testid` of the iterations value. */
  iterationsTestId?: string;
}

/** The iterations row (when `iterations` is given) and the solve-time row, as `<dt>`/`<dd>` pairs. */
export function RunFacts({
  iterations,
  label = 'Iterations',
  converged = true,
  timeMs,
  iterationsTestId,
}: RunFactsProps) {
  return (
    <>
      {iterations !== undefined && (
        <>
          <dt>{label}</dt>
          <dd data-testid={iterationsTestId}>
            {iterations.toLocaleString('en-US')}
            {converged ? '' : ' (not converged)'}
          </dd>
        </>
      )}
      <dt>Solve time (worker)</dt>
      <dd>{formatMs(timeMs)}</dd>
    </>
  );
}
