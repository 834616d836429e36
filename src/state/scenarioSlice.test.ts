import { describe, expect, it } from 'vitest';
import { defaultParams } from '../scenario/params.ts';
import { useStore } from './store.ts';

describe('scenario slice', () => {
  it('switching methods does not carry parameters across, and brings each method back as it was', () => {
    const st = useStore.getState;
    st().setMethod('sinkhorn');
    st().setParam('epsilon', 0.3);
    st().setMethod('brenier');
    // Brenier's epsilon is relative: it starts from its own default, not Sinkhorn's 0.3.
    expect(st().scenario.params).toEqual(defaultParams('brenier'));
    st().setParam('epsilon', 0.07);
    st().setMethod('sinkhorn');
    expect(st().scenario.params.epsilon).toBe(0.3);
    st().setMethod('brenier');
    expect(st().scenario.params.epsilon).toBe(0.07);
  });

  it('a gesture is one undo step and undo restores the scenario object', () => {
    const st = useStore.getState;
    const before = st().scenario;
    st().beginGesture();
    st().preview({ ...before, name: 'a' });
    st().preview({ ...before, name: 'b' });
    st().endGesture();
    expect(st().scenario.name).toBe('b');
    st().undo();
    expect(st().scenario).toBe(before);
    st().redo();
    expect(st().scenario.name).toBe('b');
  });
});
