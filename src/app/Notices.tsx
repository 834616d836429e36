/** Messages for the user (bad input, a restarted worker), announced to screen readers. */
import { useEffect } from 'react';
import { useStore } from '../state/store.ts';
import { CloseIcon } from './icons.tsx';
import { UpdatePrompt } from './UpdatePrompt.tsx';

const INFO_TIMEOUT_MS = 5000;
const ERROR_TIMEOUT_MS = 12000;

export function Notices() {
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismiss);
  useEffect(() => {
    const timers = notices.map((n) =>
      setTimeout(() => dismiss(n.id), n.kind === 'error' ? ERROR_TIMEOUT_MS : INFO_TIMEOUT_MS),
    );
    return () => timers.forEach(clearTimeout);
  }, [notices, dismiss]);
  return (
    <div className="notices" aria-live="polite">
      <UpdatePrompt />
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <p>{n.text}</p>
          <button
            type="button"
            className="btn icon"
            aria-label="Dismiss message"
            onClick={() => dismiss(n.id)}
          >
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
