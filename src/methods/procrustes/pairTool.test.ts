import { beforeEach, describe, expect, it } from 'vitest';
import { testView } from '../../stage/tools/testKit.ts';
import { useStore } from '../../state/store.ts';
import { pairAt } from './pairTool.ts';
import { pairTool, pairsOf } from './pairs.ts';

const view = testView(400, 300);
const cloud = (pts: number[], name: string) => ({
  name,
  points: Float64Array.from(pts),
  weights: null,
  labels: null,
});

describe('pairAt (the pair tool at a stage position, from a click or the keyboard)', () => {
  beforeEach(() => {
    const s = useStore.getState();
    useStore.setState({
      scenario: {
        ...s.scenario,
        method: 'procrustes',
        params: { correspondence: 'pairs', pairs: [], scaling: false, reflection: false },
        clouds: [cloud([0, 0, 0, 1], 'Source'), cloud([1, 0], 'Target')],
      },
    });
    pairTool.set({ pending: null, toolOn: true });
  });

  it('picks a point, then pairs it with a point of the other cloud, and says so', () => {
    expect(pairAt(0.05, 0, view, 24)).toBe('Picked source point #0 at (0.00, 0.00); now pick a target point');
    expect(pairTool.get().pending).toEqual({ side: 0, index: 0 });
    expect(pairAt(1, 0.1, view, 24)).toBe('Paired with target point #0 at (1.00, 0.00); 1 pair');
    expect(Array.from(pairsOf(useStore.getState().scenario).i)).toEqual([0]);
    expect(Array.from(pairsOf(useStore.getState().scenario).j)).toEqual([0]);
    expect(pairTool.get().pending).toBeNull();
  });

  it('picking the same point again drops the pick; empty space picks nothing', () => {
    pairAt(0, 1, view, 24);
    expect(pairAt(0, 1, view, 24)).toBe('Dropped the pick of source point #1 at (0.00, 1.00)');
    expect(pairTool.get().pending).toBeNull();
    expect(pairAt(3, 3, view, 24)).toBe('No point near (3.00, 3.00): nothing picked');
    expect(pairsOf(useStore.getState().scenario).i).toHaveLength(0);
  });
});
