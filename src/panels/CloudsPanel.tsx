/**
 * The clouds of the scenario: each with its colour, an editable name and its point count, moved up
 * or down (the first two are the source and target of two-cloud methods) or removed; a cloud can
 * be added (up to eight). Every change is one undoable edit. Names are 1–40 characters and unique;
 * a refused name is explained beside the field and the old name kept.
 */
import { useState } from 'react';
import { cloudDot } from '../lib/cloudDot.ts';
import { MAX_CLOUDS, cloudSize, type Cloud } from '../scenario/types.ts';
import { addCloud, moveCloud, removeCloud, renameCloud } from '../state/scenarioSlice.ts';
import { useStore } from '../state/store.ts';
import { ClassControls } from './ClassControls.tsx';

function CloudRow({ cloud, index, count }: { cloud: Cloud; index: number; count: number }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { commit, setActiveCloud } = useStore.getState();
  const active = useStore((s) => s.activeCloud === index);
  const n = cloudSize(cloud);
  const role = index === 0 ? 'source' : index === 1 ? 'target' : null;
  const save = () => {
    if (draft === null) return;
    const r = renameCloud(useStore.getState().scenario, index, draft);
    if (r.ok) {
      commit(r.scenario);
      setError(null);
      setDraft(null);
    } else setError(r.error);
  };
  const errorId = `cloud-name-error-${index}`;
  return (
    <li className={`cloud-row${active ? ' active' : ''}`}>
      <button
        type="button"
        className="btn icon cloud-pick"
        aria-label={`Edit ${cloud.name}`}
        aria-pressed={active}
        title={`Draw into ${cloud.name}`}
        onClick={() => setActiveCloud(index)}
      >
        <span className="dot cloud" style={cloudDot(index)} aria-hidden="true" />
      </button>
      <div className="cloud-name">
        <input
          type="text"
          value={draft ?? cloud.name}
          maxLength={40}
          aria-label={`Name of cloud ${index + 1}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={save}
          onKeyDown={(e) => {
            if (e.key === 'Enter') save();
            else if (e.key === 'Escape') {
              setDraft(null);
              setError(null);
            }
          }}
        />
        <span className="help">
          {n.toLocaleString('en-US')} {n === 1 ? 'point' : 'points'}
          {role && ` · ${role}`}
        </span>
        {error && (
          <span id={errorId} className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <div className="cloud-actions">
        <button
          type="button"
          className="btn icon"
          aria-label={`Move ${cloud.name} up`}
          title="Move up"
          disabled={index === 0}
          onClick={() => commit(moveCloud(useStore.getState().scenario, index, index - 1))}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn icon"
          aria-label={`Move ${cloud.name} down`}
          title="Move down"
          disabled={index === count - 1}
          onClick={() => commit(moveCloud(useStore.getState().scenario, index, index + 1))}
        >
          ↓
        </button>
        <button
          type="button"
          className="btn icon"
          aria-label={`Remove ${cloud.name}`}
          title="Remove this cloud (undo brings it back)"
          disabled={count === 1}
          onClick={() => {
            commit(removeCloud(useStore.getState().scenario, index));
            useStore.getState().notify('info', `Removed the ${cloud.name} cloud. Undo brings it back.`);
          }}
        >
          ×
        </button>
      </div>
    </li>
  );
}

export function CloudsPanel() {
  const clouds = useStore((s) => s.scenario.clouds);
  return (
    <section className="section" aria-labelledby="clouds-title">
      <h2 id="clouds-title">Clouds</h2>
      <ul className="cloud-list">
        {clouds.map((c, k) => (
          // Keyed by position: a row edits "the cloud at k", whatever its name.
          <CloudRow key={k} cloud={c} index={k} count={clouds.length} />
        ))}
      </ul>
      <div className="row">
        <button
          type="button"
          className="btn"
          disabled={clouds.length >= MAX_CLOUDS}
          onClick={() => {
            const s = useStore.getState();
            s.commit(addCloud(s.scenario));
            s.setActiveCloud(s.scenario.clouds.length);
          }}
        >
          Add a cloud
        </button>
        <span className="help">
          {clouds.length} of {MAX_CLOUDS}. Methods for two clouds use the first two.
        </span>
      </div>
      <ClassControls />
    </section>
  );
}
