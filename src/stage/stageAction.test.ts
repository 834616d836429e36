import { describe, expect, it, vi } from 'vitest';
import { registerStageAction, stageAction, stageActionLabel, subscribeStageAction } from './stageAction.ts';

describe('stage action registry', () => {
  it('the latest registration acts; removing a superseded one changes nothing; listeners hear each change', () => {
    const heard = vi.fn();
    const off = subscribeStageAction(heard);
    const a = () => 'a';
    const b = () => 'b';
    const offA = registerStageAction('a', a, 'do a');
    const offB = registerStageAction('b', b, 'do b');
    expect(stageAction()).toBe(b);
    expect(stageActionLabel()).toBe('do b');
    offA(); // no longer the registered one
    expect(stageAction()).toBe(b);
    offB();
    expect(stageAction()).toBeNull();
    expect(stageActionLabel()).toBeNull();
    expect(heard).toHaveBeenCalledTimes(3);
    off();
  });
});
