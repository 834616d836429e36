/** A compact status of a lane's run: a spinner-like badge with progress, or the error. */
import { useStore } from '../state/store.ts';

export function RunStatus({ lane }: { lane: string }) {
  const run = useStore((s) => s.runs[lane]);
  if (!run) return null;
  if (run.status === 'running') {
    return (
      <span className="badge" role="status">
        Solving{run.progress > 0 ? ` ${Math.round(run.progress * 100)}%` : '…'}
      </span>
    );
  }
  if (run.status === 'error') return <span className="badge warn">Error</span>;
  if (run.status === 'done') return <span className="badge ok">Solved</span>;
  return null;
}
