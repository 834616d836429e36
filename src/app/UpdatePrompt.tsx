/**
 * "A new version is available — Reload": shown among the notices when a new deployment's service
 * worker is waiting (src/app/serviceWorker.ts). It stays until the user answers, unlike a notice:
 * reloading is the user's call, since it restarts any training under way.
 */
import { useAppUpdate } from './appUpdate.ts';
import { CloseIcon } from './icons.tsx';

/** The prompt, or nothing while no update waits or after "not now". */
export function UpdatePrompt() {
  const apply = useAppUpdate((s) => s.apply);
  const dismissed = useAppUpdate((s) => s.dismissed);
  const dismiss = useAppUpdate((s) => s.dismiss);
  if (!apply || dismissed) return null;
  return <UpdateNotice onReload={apply} onDismiss={dismiss} />;
}

/** The prompt's markup: a polite status with the message, "Reload" and a "Not now" close button. */
export function UpdateNotice({ onReload, onDismiss }: { onReload: () => void; onDismiss: () => void }) {
  return (
    <div className="notice update" role="status">
      <p>A new version is available.</p>
      <button type="button" className="btn primary" onClick={onReload}>
        Reload
      </button>
      <button type="button" className="btn icon" aria-label="Not now" title="Not now" onClick={onDismiss}>
        <CloseIcon />
      </button>
    </div>
  );
}
