/** The status line and Stop button of a plan that need not move all the mass. */
import type { MassPlanResult } from '../../../workers/methods/massPlanTypes.ts';
import { formatNumber } from '../../lib/format.ts';
import { stopRun } from '../../solver/solver.ts';
import { useStore } from '../../state/store.ts';
import { ProgressBar } from '../ProgressBar.tsx';

export function MassStatus({ lane, r }: { lane: string; r?: MassPlanResult }) {
  const run = useStore((s) => s.runs[lane]);
  const running = run?.status === 'running';
  const text = running
    ? `Solving… ${run.progressText ?? ''}`.trim()
    : run?.status === 'cancelled'
      ? 'Stopped'
      : run?.status === 'error'
        ? (run.error ?? 'Error')
        : r
          ? `Solved: ${formatNumber(r.mass, 3)} of the mass moved${r.converged ? '' : ' (not converged)'}`
          : '';
  return (
    <>
      <div className="row">
        <button type="button" className="btn" onClick={() => stopRun(lane)} disabled={!running}>
          Stop
        </button>
        <span className="status" role="status" aria-live="polite" data-testid="mass-status">
          {text}
        </span>
      </div>
      {running && <ProgressBar label="Solve progress" fraction={run?.progress ?? 0} />}
    </>
  );
}
