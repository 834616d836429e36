/**
 * Controls of the "Drawn pairs" mode: the pair tool toggle, "Auto-pair by index" and "Clear
 * pairs". While the pair tool is on, the stage's tool is switched to Move (its hover ring shows
 * which point a click would pick) and restored afterwards; choosing another tool turns pairing off.
 */
import { useEffect } from 'react';
import { cloudSize, sourceCloud, targetCloud } from '../../scenario/types.ts';
import { useStore } from '../../state/store.ts';
import { attachPairTool } from './pairTool.ts';
import { NO_PAIRS, pairTool, pairsByIndex, pairsOf, validPairs, withPairs } from './pairs.ts';

/** Runs the pair tool while `on`: capture stage clicks, Move tool for the hover ring. */
function usePairToolEffect(on: boolean): void {
  useEffect(() => {
    if (!on) return;
    const store = useStore.getState();
    const previousTool = store.tool;
    store.setTool('move');
    const detach = attachPairTool();
    const unsub = useStore.subscribe((s, prev) => {
      if (s.tool !== prev.tool && s.tool !== 'move') pairTool.set({ toolOn: false, pending: null });
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
  const toolOn = pairTool.use((s) => s.toolOn);
  const pending = pairTool.use((s) => s.pending);
  const pairs = useStore((s) => pairsOf(s.scenario));
  const n = useStore((s) => cloudSize(sourceCloud(s.scenario)));
  const m = useStore((s) => cloudSize(targetCloud(s.scenario)));
  const count = validPairs(pairs, n, m).i.length;
  usePairToolEffect(toolOn);
  // Leaving the panel (another method) ends pairing.
  useEffect(() => () => pairTool.set({ toolOn: false, pending: null }), []);
  const setPairs = (p: typeof pairs) => {
    const { scenario, commit } = useStore.getState();
    commit(withPairs(scenario, p));
    pairTool.set({ pending: null });
  };
  return (
    <div className="procrustes-pairs">
      <div className="row">
        <button
          type="button"
          className="btn"
          aria-pressed={toolOn}
          onClick={() => pairTool.set({ toolOn: !toolOn, pending: null })}
        >
          Pair tool
        </button>
        <button
          type="button"
          className="btn"
          disabled={n === 0 || m === 0}
          onClick={() => setPairs(pairsByIndex(n, m))}
        >
          Auto-pair by index
        </button>
        <button
          type="button"
          className="btn"
          disabled={pairs.i.length === 0 && !pending}
          onClick={() => setPairs(NO_PAIRS)}
        >
          Clear pairs
        </button>
      </div>
      <p className="help" aria-live="polite">
        {count} pair{count === 1 ? '' : 's'}.{' '}
        {toolOn
          ? pending
            ? `Now click a ${pending.side === 0 ? 'target' : 'source'} point.`
            : 'Click a source point, then a target point.'
          : 'Turn on the pair tool to draw pairs on the stage.'}{' '}
        Drawn pairs are saved with the scenario; Undo removes the last one.
      </p>
    </div>
  );
}
