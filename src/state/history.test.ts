import { describe, expect, it } from 'vitest';
import { emptyHistory, HISTORY_LIMIT, record, redo, undo } from './history.ts';

describe('history', () => {
  it('undoes and redoes in order', () => {
    let h = emptyHistory<number>();
    h = record(h, 0, 1);
    h = record(h, 1, 2);
    const u1 = undo(h, 2)!;
    expect(u1.present).toBe(1);
    const u2 = undo(u1.history, u1.present)!;
    expect(u2.present).toBe(0);
    expect(undo(u2.history, u2.present)).toBeNull();
    const r1 = redo(u2.history, u2.present)!;
    expect(r1.present).toBe(1);
    const r2 = redo(r1.history, r1.present)!;
    expect(r2.present).toBe(2);
    expect(redo(r2.history, r2.present)).toBeNull();
  });

  it('clears the redo stack on a new edit', () => {
    let h = record(emptyHistory<string>(), 'a', 'b');
    const u = undo(h, 'b')!;
    h = record(u.history, u.present, 'c');
    expect(h.future).toEqual([]);
    expect(h.past).toEqual(['a']);
  });

  it('does not record a no-op edit', () => {
    const h = emptyHistory<object>();
    const x = {};
    expect(record(h, x, x)).toBe(h);
  });

  it('keeps at most HISTORY_LIMIT entries, dropping the oldest', () => {
    let h = emptyHistory<number>();
    for (let k = 0; k < HISTORY_LIMIT + 10; k++) h = record(h, k, k + 1);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(10);
  });
});
