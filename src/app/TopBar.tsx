/** The toolbar: brand, method switcher, undo/redo, cloud counts and whole-cloud actions. */
import { METHOD_LABELS, availableMethods } from '../panels/registry.ts';
import { cloudSize, type Side } from '../scenario/types.ts';
import { useStore } from '../state/store.ts';
import { RedoIcon, SwapIcon, TrashIcon, UndoIcon } from './icons.tsx';
import { ShareMenu } from './ShareMenu.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

function CloudCount({ side }: { side: Side }) {
  const n = useStore((s) => cloudSize(s.scenario[side]));
  const label = side === 'source' ? 'Source' : 'Target';
  return (
    <span className="count" data-testid={`${side}-count`}>
      <span className={`dot ${side}`} aria-hidden="true" />
      {label} · {n.toLocaleString('en-US')} {n === 1 ? 'point' : 'points'}
    </span>
  );
}

export function TopBar() {
  const canUndo = useStore((s) => s.history.past.length > 0);
  const canRedo = useStore((s) => s.history.future.length > 0);
  const method = useStore((s) => s.scenario.method);
  const activeSide = useStore((s) => s.activeSide);
  const { undo, redo, setMethod, commit, notify } = useStore.getState();
  const methods = availableMethods();

  const clearActive = () => {
    const s = useStore.getState().scenario;
    const side = useStore.getState().activeSide;
    commit({ ...s, [side]: { points: new Float64Array(0), weights: null, labels: null } });
    notify('info', `Cleared the ${side} cloud. Undo brings it back.`);
  };
  const swap = () => {
    const s = useStore.getState().scenario;
    commit({ ...s, source: s.target, target: s.source });
  };

  return (
    <header className="topbar">
      <h1 className="brand">
        <img src="./favicon.svg" alt="" />
        <span>OT Playground</span>
      </h1>
      <div className="toolgroup methods" role="radiogroup" aria-label="Method">
        {methods.map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={method === m}
            className="btn tab"
            onClick={() => setMethod(m)}
          >
            {METHOD_LABELS[m]}
          </button>
        ))}
      </div>
      <div className="sep" />
      <div className="toolgroup" data-area="edit">
        <button
          type="button"
          className="btn icon"
          aria-label="Undo"
          title={`Undo (${MOD}Z)`}
          disabled={!canUndo}
          onClick={undo}
        >
          <UndoIcon />
        </button>
        <button
          type="button"
          className="btn icon"
          aria-label="Redo"
          title={`Redo (${isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z'})`}
          disabled={!canRedo}
          onClick={redo}
        >
          <RedoIcon />
        </button>
        <button
          type="button"
          className="btn icon"
          aria-label="Swap source and target"
          title="Swap source and target"
          onClick={swap}
        >
          <SwapIcon />
        </button>
        <button
          type="button"
          className="btn icon"
          aria-label={`Clear ${activeSide} cloud`}
          title={`Remove every point of the ${activeSide} cloud`}
          onClick={clearActive}
        >
          <TrashIcon />
        </button>
      </div>
      <div className="spacer" />
      <div className="counts" aria-live="polite">
        <CloudCount side="source" />
        <CloudCount side="target" />
      </div>
      <ShareMenu />
    </header>
  );
}
