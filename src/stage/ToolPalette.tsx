/**
 * The tool palette: the pointer tools, the active cloud, brush settings, grid and view reset.
 * Shortcuts (ignored while typing in a field, and with Ctrl/Cmd/Alt held): B brush, P add point,
 * M move, E eraser, S select, H pan, X toggles the active cloud, 0 resets the view.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from '../state/store.ts';
import type { ToolId } from '../state/uiSlice.ts';
import {
  BrushIcon,
  EraserIcon,
  FitIcon,
  GridIcon,
  HandIcon,
  MoveIcon,
  PointIcon,
  SelectIcon,
} from './icons.tsx';
import { isEditableTarget, TOOL_KEYS } from './keys.ts';
import './stage.css';

interface ToolSpec {
  id: ToolId;
  label: string;
  title: string;
  icon: ReactNode;
}

/** The tools in palette order; `label` is the accessible name, `title` the tooltip with the shortcut. */
export const TOOLS: readonly ToolSpec[] = [
  {
    id: 'brush',
    label: 'Brush tool',
    title: 'Brush (B): hold to spray points into the active cloud',
    icon: <BrushIcon />,
  },
  {
    id: 'point',
    label: 'Add point tool',
    title: 'Add point (P): click to add one point',
    icon: <PointIcon />,
  },
  {
    id: 'move',
    label: 'Move tool',
    title: 'Move (M): drag a point of either cloud; dragging a selected point moves the selection',
    icon: <MoveIcon />,
  },
  {
    id: 'erase',
    label: 'Eraser tool',
    title: 'Eraser (E): drag to remove points of the active cloud',
    icon: <EraserIcon />,
  },
  {
    id: 'select',
    label: 'Select tool',
    title:
      'Select (S): drag a rectangle; hold Shift or Alt while starting the drag for a lasso. Drag inside the selection to move it, Delete removes it, Esc clears it',
    icon: <SelectIcon />,
  },
  {
    id: 'pan',
    label: 'Pan tool',
    title: 'Pan (H): drag to pan. The wheel or a pinch zooms with any tool',
    icon: <HandIcon />,
  },
];

const SPREAD = { min: 0.02, max: 1, step: 0.01 };
const RATE = { min: 5, max: 300, step: 5 };

/** Installs the palette's keyboard shortcuts on the window; returns the uninstall function. */
export function installToolShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (isEditableTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
    const s = useStore.getState();
    const key = e.key.toLowerCase();
    if (key in TOOL_KEYS) s.setTool(TOOL_KEYS[key as keyof typeof TOOL_KEYS]);
    else if (key === 'x') s.setActiveCloud((s.activeCloud + 1) % Math.max(1, s.scenario.clouds.length));
    else if (key === '0') s.resetView();
    else return;
    e.preventDefault();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

/** The active cloud, in its colour; a click (or X) makes the next cloud active. */
function ActiveCloudButton() {
  const active = useStore((s) => s.activeCloud);
  const name = useStore((s) => s.scenario.clouds[s.activeCloud]?.name ?? '');
  const count = useStore((s) => s.scenario.clouds.length);
  return (
    <button
      type="button"
      className="tp-btn tp-side"
      style={{ ['--side' as string]: `var(--cloud-${active})` }}
      aria-label={`Active cloud: ${name}`}
      title={`Editing ${name}. Click or press X for the next cloud.`}
      disabled={count < 2}
      onClick={() => {
        const s = useStore.getState();
        s.setActiveCloud((s.activeCloud + 1) % s.scenario.clouds.length);
      }}
    >
      <span className="tp-dot" aria-hidden="true" />
    </button>
  );
}

function BrushOptions({ tool, onClose }: { tool: ToolId; onClose: () => void }) {
  const spread = useStore((s) => s.brushSpread);
  const rate = useStore((s) => s.brushRate);
  const setBrush = useStore((s) => s.setBrush);
  const name = tool === 'erase' ? 'Eraser settings' : 'Brush settings';
  return (
    <div
      className="tool-options"
      role="group"
      aria-label={name}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <button
        type="button"
        className="tool-options-close"
        aria-label={`Close ${name.toLowerCase()}`}
        onClick={onClose}
      >
        ×
      </button>
      <div className="tp-field">
        <label htmlFor="brush-spread">Brush spread</label>
        <output htmlFor="brush-spread">{spread.toFixed(2)}</output>
        <input
          id="brush-spread"
          type="range"
          min={SPREAD.min}
          max={SPREAD.max}
          step={SPREAD.step}
          value={spread}
          aria-describedby="brush-spread-help"
          onChange={(e) => setBrush(Number(e.target.value), rate)}
        />
        <span id="brush-spread-help" className="tp-help">
          {tool === 'erase' ? 'Eraser radius is twice the spread' : 'Standard deviation, plane units'}
        </span>
      </div>
      {tool === 'brush' && (
        <div className="tp-field">
          <label htmlFor="brush-rate">Brush rate</label>
          <output htmlFor="brush-rate">{rate} /s</output>
          <input
            id="brush-rate"
            type="range"
            min={RATE.min}
            max={RATE.max}
            step={RATE.step}
            value={rate}
            onChange={(e) => setBrush(spread, Number(e.target.value))}
          />
        </div>
      )}
    </div>
  );
}

export function ToolPalette() {
  const tool = useStore((s) => s.tool);
  const showGrid = useStore((s) => s.showGrid);
  useEffect(() => installToolShortcuts(), []);
  // The brush and eraser settings open when the tool is picked here (clicking it again toggles
  // them), not on first visit, where they would cover the stage's corner.
  const [showOptions, setShowOptions] = useState(false);
  const { setTool, toggleGrid, resetView } = useStore.getState();
  const pick = (id: ToolId) => {
    setShowOptions(id === tool ? !showOptions : true);
    setTool(id);
  };
  return (
    <div className="tool-palette" role="group" aria-label="Stage tools">
      <div className="tp-group">
        {TOOLS.map((t) => (
          <button
            key={t.id}
            type="button"
            className="tp-btn"
            aria-label={t.label}
            aria-pressed={tool === t.id}
            title={t.title}
            onClick={() => pick(t.id)}
          >
            {t.icon}
          </button>
        ))}
      </div>
      <div className="tp-sep" aria-hidden="true" />
      <div className="tp-group">
        <ActiveCloudButton />
      </div>
      <div className="tp-sep" aria-hidden="true" />
      <div className="tp-group">
        <button
          type="button"
          className="tp-btn"
          aria-label="Grid"
          aria-pressed={showGrid}
          title="Grid: show the grid and axis labels"
          onClick={toggleGrid}
        >
          <GridIcon />
        </button>
        <button
          type="button"
          className="tp-btn"
          aria-label="Reset view"
          title="Reset view (0): fit both clouds"
          onClick={resetView}
        >
          <FitIcon />
        </button>
      </div>
      {showOptions && (tool === 'brush' || tool === 'erase') && (
        <BrushOptions tool={tool} onClose={() => setShowOptions(false)} />
      )}
    </div>
  );
}
