/**
 * A slider bound to one numeric parameter of the open scenario, on a linear or log scale. A drag
 * is one undoable edit (a gesture); the value is committed as it moves, so solves follow live.
 */
import { useId } from 'react';
import { findParamSpec } from '../scenario/params.ts';
import { useStore } from '../state/store.ts';

export interface ParamSliderProps {
  paramKey: string;
  /** Slider range in parameter units. */
  min: number;
  max: number;
  log?: boolean;
  /** Steps across the range. */
  steps?: number;
  /** Formats the value shown beside the label. */
  format: (v: number) => string;
  /** Extra line under the slider (e.g. the blur length). */
  hint?: (v: number) => string;
}

export function ParamSlider({
  paramKey,
  min,
  max,
  log = false,
  steps = 400,
  format,
  hint,
}: ParamSliderProps) {
  const id = useId();
  const method = useStore((s) => s.scenario.method);
  const value = useStore((s) => Number(s.scenario.params[paramKey]));
  const spec = findParamSpec(method, paramKey);
  const toPos = (v: number) =>
    log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
  const fromPos = (p: number) =>
    log ? 10 ** (Math.log10(min) + p * (Math.log10(max) - Math.log10(min))) : min + p * (max - min);
  const set = (v: number) => {
    // Round to 3 significant digits so links and files stay short and readable.
    const r = Number(v.toPrecision(3));
    const clamped = spec?.kind === 'number' && spec.integer ? Math.round(r) : r;
    useStore.getState().setParam(paramKey, clamped);
  };
  const { beginGesture, endGesture } = useStore.getState();
  return (
    <div className="field">
      <label htmlFor={id} title={spec?.help}>
        {spec?.label ?? paramKey}
      </label>
      <span className="value">{format(value)}</span>
      <input
        id={id}
        type="range"
        min={0}
        max={steps}
        step={1}
        value={Math.round(Math.min(1, Math.max(0, toPos(value))) * steps)}
        aria-valuetext={format(value)}
        onPointerDown={beginGesture}
        onPointerUp={endGesture}
        onBlur={endGesture}
        onChange={(e) => set(fromPos(Number(e.target.value) / steps))}
      />
      {hint && <span className="help">{hint(value)}</span>}
      {spec && <span className="help">{spec.help}</span>}
    </div>
  );
}
