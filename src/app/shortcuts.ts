/**
 * Global keyboard shortcuts: undo (Ctrl/Cmd+Z), redo (Shift+Ctrl/Cmd+Z or Ctrl+Y), play/pause
 * (Space). Ignored while typing in a field. Tool shortcuts live with the tool palette
 * (src/stage/ToolPalette.tsx: B, P, M, E, S, H, X, 0). On the focused stage
 * (src/stage/keyboardInput.ts) arrows move a cursor, Enter or Space act at it with the active tool
 * and Delete removes the nearest point; those keys stop there, so Space does not toggle playback.
 * The method switcher takes the arrow keys (src/app/TopBar.tsx). The stage lists its keys in its
 * accessible description and shows them while it has keyboard focus.
 */
import { useStore } from '../state/store.ts';

/** True when the key event targets an editable element, where shortcuts must not fire. */
export function isTyping(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t || !t.tagName) return false;
  if (t.isContentEditable) return true;
  if (t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') return true;
  if (t.tagName === 'INPUT') {
    const type = (t as HTMLInputElement).type;
    return !['range', 'checkbox', 'radio', 'button'].includes(type);
  }
  return false;
}

export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (isTyping(e)) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const s = useStore.getState();
    if (mod && key === 'z') {
      e.preventDefault();
      if (e.shiftKey) s.redo();
      else s.undo();
    } else if (mod && key === 'y') {
      e.preventDefault();
      s.redo();
    } else if (!mod && e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      s.setPlaying(!s.playing);
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
