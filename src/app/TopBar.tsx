/** The toolbar: brand, method menu, undo/redo, the clouds (each a chip that makes it the active cloud) and the File, Gallery and Share menus. */
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { cloudDot } from '../lib/cloudDot.ts';
import { clearCloud } from '../scenario/cloudEdit.ts';
import { cloudSize, withCloud } from '../scenario/types.ts';
import { swapSourceTarget } from '../state/scenarioSlice.ts';
import { useStore } from '../state/store.ts';
import { RedoIcon, SwapIcon, TrashIcon, UndoIcon } from './icons.tsx';
import { MethodMenu } from './MethodMenu.tsx';
import { ShareMenu } from './ShareMenu.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

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

/**
 * The clouds of the scenario as a radio group: each chip shows the cloud's colour, name and point
 * count, and checking it makes it the cloud the tools edit (X cycles through them too).
 */
function CloudPicker() {
  const clouds = useStore((s) => s.scenario.clouds);
  const active = useStore((s) => s.activeCloud);
  const keys = [...clouds.keys()];
  const select = (k: number) => useStore.getState().setActiveCloud(k);
  return (
    <div
      className="counts clouds"
      role="radiogroup"
      aria-label="Active cloud"
      onKeyDown={(e) => radioArrows(e, keys, active, select)}
    >
      {clouds.map((c, k) => {
        const n = cloudSize(c);
        return (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={k === active}
            tabIndex={k === active ? 0 : -1}
            className="count cloud-chip"
            data-testid={`cloud-count-${k}`}
            title={`Edit ${c.name} (X switches clouds)`}
            onClick={() => select(k)}
          >
            <span className="dot cloud" style={cloudDot(k)} aria-hidden="true" />
            <span className="cloud-chip-name">{c.name}</span> · {n.toLocaleString('en-US')}{' '}
            {n === 1 ? 'point' : 'points'}
          </button>
        );
      })}
    </div>
  );
}

export function TopBar() {
  const canUndo = useStore((s) => s.history.past.length > 0);
  const canRedo = useStore((s) => s.history.future.length > 0);
  const activeName = useStore((s) => s.scenario.clouds[s.activeCloud]?.name ?? '');
  const canSwap = useStore((s) => s.scenario.clouds.length >= 2);
  const { undo, redo, commit, notify } = useStore.getState();

  const clearActive = () => {
    const { scenario, activeCloud } = useStore.getState();
    const c = scenario.clouds[activeCloud];
    if (!c) return;
    commit(withCloud(scenario, activeCloud, clearCloud(c)));
    notify('info', `Cleared the ${c.name} cloud. Undo brings it back.`);
  };
  const swap = () => commit(swapSourceTarget(useStore.getState().scenario));

  return (
    <header className="topbar">
      <h1 className="brand">
        <img src="./favicon.svg" alt="" />
        <span>OT Playground</span>
      </h1>
      <MethodMenu />
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
          title="Swap source and target (the first two clouds)"
          disabled={!canSwap}
          onClick={swap}
        >
          <SwapIcon />
        </button>
        <button
          type="button"
          className="btn icon"
          aria-label={`Clear ${activeName} cloud`}
          title={`Remove every point of the ${activeName} cloud`}
          onClick={clearActive}
        >
          <TrashIcon />
        </button>
      </div>
      <div className="spacer" />
      <CloudPicker />
      <ShareMenu />
    </header>
  );
}
