/** Keyboard helpers shared by the stage and the tool palette. */

/** True when a key event's target is a text field (or other editable element) where shortcuts must not fire. */
export function isEditableTarget(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  if (!t || !t.tagName) return false;
  if (t.isContentEditable) return true;
  if (t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') return true;
  if (t.tagName === 'INPUT') {
    const type = (t as HTMLInputElement).type;
    return !['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color'].includes(type);
  }
  return false;
}

/** Tool shortcuts (lower-case keys). */
export const TOOL_KEYS = {
  b: 'brush',
  p: 'point',
  m: 'move',
  e: 'erase',
  s: 'select',
  h: 'pan',
} as const;
