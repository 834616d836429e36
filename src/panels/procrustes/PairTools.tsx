/**
 * Controls of the "Drawn pairs" mode: the pair tool toggle, "Auto-pair by index" and "Clear
 * pairs". While the pair tool is on, the stage's tool is switched to Move (its hover ring shows
 * which point a click would pick) and restored afterwards; choosing another tool turns pairing off.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { cloudSize } from '../../scenario/types.ts';
import { useStore } from '../../state/store.ts';
import { attachPairTool } from './pairTool.ts';
import {
  getPairState,
  NO_PAIRS,
  pairsByIndex,
  subscribePairs,
  updatePairState,
  validPairs,
  type PairState,
} from './pairs.ts';

/** The pair state, re-rendering on change. */
export function usePairState(): PairState {
  return useSyncExternalStore(subscribePairs, getPairState);
}

/** Runs the pair tool while `on`: capture stage clicks, Move tool for the hover ring. */
function usePairToolEffect(on: boolean): void {
  useEffect(() => {
    if (!on) return;
    const store = useStore.getState();
    const previousTool = store.tool;
    store.setTool('move');
    const detach = attachPairTool();
    const unsub = useStore.subscribe((s, prev) => {
      if (s.tool !== prev.tool && s.tool !== 'move') updatePairState({ toolOn: false, pending: null });
    });
    return () => {
      unsub();
      detach();
      const s = useStore.getState();
      if (s.tool === 'move') s.setTool(previousTool);
    };
  }, [on]);
}

export function PairTools() {
  const { pairs, toolOn, pending } = usePairState();
  const n = useStore((s) => cloudSize(s.scenario.source));
  const m = useStore((s) => cloudSize(s.scenario.target));
  const count = validPairs(pairs, n, m).i.length;
  usePairToolEffect(toolOn);
  // Leaving the panel (another method) ends pairing.
  useEffect(() => () => updatePairState({ toolOn: false, pending: null }), []);
  return (
    <div className="procrustes-pairs">
      <div className="row">
        <button
          type="button"
          className="btn"
          aria-pressed={toolOn}
          onClick={() => updatePairState({ toolOn: !toolOn, pending: null })}
        >
          Pair tool
        </button>
        <button
          type="button"
          className="btn"
          disabled={n === 0 || m === 0}
          onClick={() => updatePairState({ pairs: pairsByIndex(n, m), pending: null })}
        >
          Auto-pair by index
        </button>
        <button
          type="button"
          className="btn"
          disabled={pairs.i.length === 0 && !pending}
          onClick={() => updatePairState({ pairs: NO_PAIRS, pending: null })}
        >
          Clear pairs
        </button>
      </div>
      <p className="help" aria-live="polite">
        {count} pair{count === 1 ? '' : 's'}.{' '}
        {toolOn
          ? pending
            ? `Now click a ${pending.side === 'source' ? 'target' : 'source'} point.`
            : 'Click a source point, then a target point.'
          : 'Turn on the pair tool to draw pairs on the stage.'}{' '}
        Drawn pairs are not saved in scenario files.
      </p>
    </div>
  );
}
