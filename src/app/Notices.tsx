/** Messages for the user (bad input, a restarted worker), announced to screen readers. */
import { useEffect } from 'react';
import { useStore } from '../state/store.ts';
import { noticeDelay } from '../state/uiSlice.ts';
import { CloseIcon } from './icons.tsx';
import { UpdatePrompt } from './UpdatePrompt.tsx';

export function Notices() {
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismiss);
  useEffect(() => {
    const now = Date.now();
    const timers = notices.map((n) => setTimeout(() => dismiss(n.id), noticeDelay(n, now)));
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
