/** A labelled select for one of the fusion method's choice parameters, with display labels per option. */
import { useId } from 'react';
import { findParamSpec } from '../../scenario/params.ts';
import { useStore } from '../../state/store.ts';

export function ChoiceField({ paramKey, labels }: { paramKey: string; labels: Record<string, string> }) {
  const id = useId();
  const value = useStore((s) => String(s.scenario.params[paramKey]));
  const spec = findParamSpec('fusion', paramKey);
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
