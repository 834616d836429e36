import { afterEach, describe, expect, it, vi } from 'vitest';
import { useStore } from './store.ts';
import { noticeDelay } from './uiSlice.ts';

const st = useStore.getState;

describe('notices', () => {
  afterEach(() => {
    useStore.setState({ notices: [] });
    vi.useRealTimers();
  });

  it('a notice about what is open replaces the previous one; others stay', () => {
    st().notify('info', 'Imported 12 points into Source. Undo brings the old points back.');
    st().notify('info', 'Opened “A” from the gallery. Undo goes back to your scenario.', 'opened');
    st().notify('error', 'Could not import the CSV file: row 3.');
    st().notify('info', 'Opened “B”.', 'opened');
    expect(st().notices.map((n) => n.text)).toEqual([
      'Imported 12 points into Source. Undo brings the old points back.',
      'Could not import the CSV file: row 3.',
      'Opened “B”.',
    ]);
  });

  it('the same text is shown once, and at most the newest four', () => {
    for (const t of ['a', 'b', 'a', 'c', 'd', 'e']) st().notify('info', t);
    expect(st().notices.map((n) => n.text)).toEqual(['a', 'c', 'd', 'e']);
  });

  it('each notice is dismissed a fixed time after it was shown, whatever came since', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    st().notify('info', 'first');
    st().notify('error', 'bad');
    vi.setSystemTime(1_004_000);
    st().notify('info', 'later');
    const at = Date.now();
    const [first, bad, later] = st().notices;
    expect(noticeDelay(first, at)).toBe(1000);
    expect(noticeDelay(bad, at)).toBe(8000);
    expect(noticeDelay(later, at)).toBe(5000);
    expect(noticeDelay(first, at + 60_000)).toBe(0);
  });
});
