/**
 * "Copy and transform": replaces the target with a rotated, scaled, shifted, noisy copy of the
 * source, as one undoable edit, so the class can watch the fit recover the angle, scale and shift
 * that were entered.
 */
import { randomLcg } from 'd3-random';
import { useId, useRef, useState } from 'react';
import { getStageView } from '../../stage/stageController.ts';
import { shouldRefit, visibleBounds } from '../../stage/view.ts';
import { withCloud } from '../../state/scenarioSlice.ts';
import { useStore } from '../../state/store.ts';
import { copyAndTransform, COPY_TRANSFORM_DEFAULTS, type CopyTransformOptions } from './copyTransform.ts';
import { sourceCloud, targetCloud } from '../../scenario/types.ts';

interface SliderSpec {
  key: 'angleDeg' | 'scale' | 'shiftX' | 'shiftY' | 'noise';
  label: string;
  min: number;
  max: number;
  step: number;
  show: (v: number) => string;
}

const minus = (text: string) => text.replace('-', '−');

const SLIDERS: readonly SliderSpec[] = [
  { key: 'angleDeg', label: 'Angle', min: -180, max: 180, step: 1, show: (v) => minus(`${v}°`) },
  { key: 'scale', label: 'Scale', min: 0.25, max: 3, step: 0.05, show: (v) => `${v.toFixed(2)}×` },
  { key: 'shiftX', label: 'Shift x', min: -4, max: 4, step: 0.1, show: (v) => minus(v.toFixed(1)) },
  { key: 'shiftY', label: 'Shift y', min: -4, max: 4, step: 0.1, show: (v) => minus(v.toFixed(1)) },
  { key: 'noise', label: 'Noise', min: 0, max: 0.3, step: 0.005, show: (v) => v.toFixed(3) },
];

export function CopyTransform() {
  const [o, setO] = useState<CopyTransformOptions>(COPY_TRANSFORM_DEFAULTS);
  const presses = useRef(0);
  const id = useId();
  const sourceEmpty = useStore((s) => sourceCloud(s.scenario).points.length === 0);

  const apply = () => {
    const { scenario, commit, resetView } = useStore.getState();
    // A fresh noise sample per press, reproducible from the scenario's seed.
    const random = randomLcg((scenario.seed * 7919 + ++presses.current) % 2147483647);
    const target = {
      ...copyAndTransform(sourceCloud(scenario), o, random),
      name: targetCloud(scenario).name,
    };
    commit(withCloud(scenario, 1, target));
    const view = getStageView();
    if (view && shouldRefit(visibleBounds(view), [sourceCloud(scenario), target])) resetView();
  };

  return (
    <div className="procrustes-copy" role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Make a target to recover</h3>
      <p className="help">
        The target becomes a copy of the source, turned about the origin, scaled, shifted and jittered: the
        fit should find these numbers again.
      </p>
      <div className="procrustes-grid">
        {SLIDERS.map((sp) => (
          <div className="field" key={sp.key}>
            <label htmlFor={`${id}-${sp.key}`}>{sp.label}</label>
            <span className="value">{sp.show(o[sp.key])}</span>
            <input
              id={`${id}-${sp.key}`}
              type="range"
              min={sp.min}
              max={sp.max}
              step={sp.step}
              value={o[sp.key]}
              onChange={(e) => setO({ ...o, [sp.key]: Number(e.target.value) })}
            />
          </div>
        ))}
        <label className="toggle">
          <input
            type="checkbox"
            checked={o.shuffle}
            onChange={(e) => setO({ ...o, shuffle: e.target.checked })}
          />
          Shuffle order
        </label>
      </div>
      <div className="row">
        <button type="button" className="btn primary" disabled={sourceEmpty} onClick={apply}>
          Copy and transform
        </button>
      </div>
    </div>
  );
}
