/**
 * A slider bound to one numeric parameter of the open scenario. Its range and scale come from the
 * parameter's spec (the method's descriptor): the spec's `control` range when it has one (log
 * scale for quantities spanning decades), else its valid range. A valid value outside the slider's
 * range (from a link or a file) is shown as it is, with the thumb at the end. A drag is one
 * undoable edit (a gesture); the value is committed as it moves, so solves follow live.
 */
import { useId } from 'react';
import { findParamSpec } from '../scenario/params.ts';
import { useStore } from '../state/store.ts';

export interface ParamSliderProps {
  paramKey: string;
  /** Steps across the range (default: one per integer for integer parameters on a linear scale, else 400). */
  steps?: number;
  /** Formats the value shown beside the label. */
  format: (v: number) => string;
  /** Extra line under the slider (e.g. the blur length). */
  hint?: (v: number) => string;
}

export function ParamSlider({ paramKey, steps: stepsProp, format, hint }: ParamSliderProps) {
  const id = useId();
  const method = useStore((s) => s.scenario.method);
  const value = useStore((s) => Number(s.scenario.params[paramKey]));
  const found = findParamSpec(method, paramKey);
  const spec = found?.kind === 'number' ? found : undefined;
  const range = spec?.control ?? { min: spec?.min ?? 0, max: spec?.max ?? 1, log: false };
  const { min, max } = range;
  const log = range.log === true;
  const steps = stepsProp ?? (spec?.integer && !log ? Math.max(1, Math.min(1000, max - min)) : 400);
  const toPos = (v: number) =>
    log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
  const fromPos = (p: number) =>
    log ? 10 ** (Math.log10(min) + p * (Math.log10(max) - Math.log10(min))) : min + p * (max - min);
  const set = (v: number) => {
    // Round to 3 significant digits so links and files stay short and readable.
    const r = Number(v.toPrecision(3));
    const clamped = spec?.integer ? Math.round(r) : r;
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
