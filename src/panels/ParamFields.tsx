/**
 * Controls bound to one parameter of the open method, defined by its spec (the method's
 * descriptor), as `ParamSlider` is for numbers: `ParamChoice`, a labelled select for a choice
 * parameter; `ParamToggle`, a checkbox for a boolean one. Edits go through the store (undoable).
 */
import { useId } from 'react';
import { findParamSpec } from '../scenario/params.ts';
import { useStore } from '../state/store.ts';

/** A select for the choice parameter `paramKey`, showing `labels[option]` (the option itself when absent). */
export function ParamChoice({ paramKey, labels }: { paramKey: string; labels: Record<string, string> }) {
  const id = useId();
  const method = useStore((s) => s.scenario.method);
  const value = useStore((s) => String(s.scenario.params[paramKey]));
  const spec = findParamSpec(method, paramKey);
  if (spec?.kind !== 'choice') return null;
  return (
    <div className="field">
      <label htmlFor={id} title={spec.help}>
        {spec.label}
      </label>
      <select id={id} value={value} onChange={(e) => useStore.getState().setParam(paramKey, e.target.value)}>
        {spec.options.map((o) => (
          <option key={o} value={o}>
            {labels[o] ?? o}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A checkbox for the boolean parameter `paramKey`, labelled by its spec. */
export function ParamToggle({ paramKey }: { paramKey: string }) {
  const method = useStore((s) => s.scenario.method);
  const on = useStore((s) => s.scenario.params[paramKey] === true);
  const spec = findParamSpec(method, paramKey);
  return (
    <label className="toggle" title={spec?.help}>
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => useStore.getState().setParam(paramKey, e.target.checked)}
      />
      {spec?.label ?? paramKey}
    </label>
  );
}
