/**
 * Classes by hand: the class (0–9) the brush and the point tool give new points, and the class of
 * the selected points. Labels drive domain adaptation and decorrelation and show on the stage as
 * marker shapes; datasets with parts and CSV `label` columns bring them too. Setting the class of a
 * selection is one undoable edit.
 */
import { useId } from 'react';
import { setClass } from '../scenario/cloudEdit.ts';
import { withCloud } from '../scenario/types.ts';
import { useStore } from '../state/store.ts';

/** The classes a point may have. */
const CLASSES = Array.from({ length: 10 }, (_, k) => k);

export function ClassControls() {
  const id = useId();
  const drawClass = useStore((s) => s.drawClass);
  const selected = useStore((s) => s.selection?.indices.length ?? 0);
  const apply = (label: number) => {
    const s = useStore.getState();
    const sel = s.selection;
    if (!sel) return;
    const cloud = s.scenario.clouds[sel.cloud];
    if (!cloud) return;
    const next = setClass(cloud, sel.indices, label);
    if (next === cloud) return;
    s.commit(withCloud(s.scenario, sel.cloud, next));
    s.notify(
      'info',
      `Set ${sel.indices.length} ${cloud.name} point${sel.indices.length === 1 ? '' : 's'} to class ${label}.`,
    );
  };
  return (
    <div className="class-controls">
      <div className="field">
        <label htmlFor={`${id}-draw`}>Class of new points</label>
        <select
          id={`${id}-draw`}
          value={drawClass === null ? '' : String(drawClass)}
          onChange={(e) =>
            useStore.getState().setDrawClass(e.target.value === '' ? null : Number(e.target.value))
          }
        >
          <option value="">None (unlabelled)</option>
          {CLASSES.map((k) => (
            <option key={k} value={k}>
              Class {k}
            </option>
          ))}
        </select>
        <span className="help">Given by the brush and the point tool.</span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sel`}>Class of the selection</label>
        <select
          id={`${id}-sel`}
          value=""
          disabled={selected === 0}
          onChange={(e) => e.target.value !== '' && apply(Number(e.target.value))}
        >
          <option value="">{selected === 0 ? 'Select points first' : `Set ${selected} selected…`}</option>
          {CLASSES.map((k) => (
            <option key={k} value={k}>
              Class {k}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
