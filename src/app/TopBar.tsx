/** The toolbar: brand, method switcher, undo/redo, cloud counts and whole-cloud actions. */
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
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

/** Radio-group keys (WAI-ARIA): arrows select the previous or next item (wrapping), Home and End the ends. */
function radioArrows<T>(
  e: ReactKeyboardEvent<HTMLElement>,
  items: readonly T[],
  current: T,
  select: (item: T) => void,
): void {
  const k = items.indexOf(current);
  const n = items.length;
  const next =
    e.key === 'ArrowRight' || e.key === 'ArrowDown'
      ? (k + 1) % n
      : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
        ? (k - 1 + n) % n
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? n - 1
            : -1;
  if (next < 0 || n === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
  e.preventDefault();
  select(items[next]);
  const radios = e.currentTarget.querySelectorAll<HTMLElement>('[role="radio"]');
  radios[next]?.focus();
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
      <div
        className="toolgroup methods"
        role="radiogroup"
        aria-label="Method"
        onKeyDown={(e) => radioArrows(e, methods, method, setMethod)}
      >
        {methods.map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={method === m}
            // One tab stop for the group (the checked radio); arrows move between methods.
            tabIndex={method === m || !methods.includes(method) ? 0 : -1}
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
