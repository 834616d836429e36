/**
 * The scenario section: load a dataset into the active cloud and pick the ground cost. Scenario
 * files are opened and saved from the File menu in the top bar (src/app/ShareMenu.tsx).
 */
import { useState } from 'react';
import { cloudDot } from '../lib/cloudDot.ts';
import { DATASETS, findDataset } from '../scenario/datasets.ts';
import { withCloud, type CostKind } from '../scenario/types.ts';
import { useStore } from '../state/store.ts';

export function ScenarioPanel() {
  const cost = useStore((s) => s.scenario.cost);
  const active = useStore((s) => s.activeCloud);
  const activeName = useStore((s) => s.scenario.clouds[s.activeCloud]?.name ?? '');
  const [datasetId, setDatasetId] = useState(DATASETS[0].id);
  const [count, setCount] = useState(200);
  const [noise, setNoise] = useState(DATASETS[0].defaultNoise);
  const [seed, setSeed] = useState(1);
  const dataset = findDataset(datasetId) ?? DATASETS[0];

  const apply = () => {
    const { scenario, commit, notify, activeCloud } = useStore.getState();
    try {
      const d = dataset.generate({ count, noise, seed });
      const name = scenario.clouds[activeCloud]?.name ?? 'Source';
      commit(
        withCloud(scenario, activeCloud, { name, points: d.points, weights: null, labels: d.labels ?? null }),
      );
      // The next press gives a fresh sample, so loading one cloud after another does not stack identical clouds.
      setSeed((k) => k + 1);
    } catch (e) {
      notify('error', `Could not generate ${dataset.label}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <section className="section" aria-labelledby="scenario-title">
      <h2 id="scenario-title">Datasets</h2>
      <div className="field">
        <label htmlFor="dataset">Dataset</label>
        <select
          id="dataset"
          value={datasetId}
          onChange={(e) => {
            setDatasetId(e.target.value);
            setNoise(findDataset(e.target.value)?.defaultNoise ?? 0);
          }}
        >
          {DATASETS.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
        <span className="help">{dataset.description}</span>
      </div>
      <div className="field">
        <label htmlFor="dataset-count">Points</label>
        <span className="value">{count}</span>
        <input
          id="dataset-count"
          type="range"
          min={10}
          max={2000}
          step={10}
          value={count}
          onChange={(e) => setCount(Number(e.target.value))}
        />
      </div>
      <div className="field">
        <label htmlFor="dataset-noise">Noise</label>
        <span className="value">{noise.toFixed(2)}</span>
        <input
          id="dataset-noise"
          type="range"
          min={0}
          max={0.5}
          step={0.01}
          value={noise}
          onChange={(e) => setNoise(Number(e.target.value))}
        />
      </div>
      <div className="field">
        <label htmlFor="dataset-seed">Seed</label>
        <input
          id="dataset-seed"
          type="number"
          min={0}
          step={1}
          value={seed}
          style={{ width: 90 }}
          onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
        />
      </div>
      <div className="row">
        <button type="button" className="btn primary" onClick={apply}>
          <span className="dot cloud" style={cloudDot(active)} aria-hidden="true" /> Load into {activeName}
        </button>
      </div>

      <h2>Cost</h2>
      <div className="field">
        <label htmlFor="cost">Ground cost</label>
        <select
          id="cost"
          value={cost}
          onChange={(e) => {
            const { scenario, commit } = useStore.getState();
            commit({ ...scenario, cost: e.target.value as CostKind });
          }}
        >
          <option value="sqeuclidean">Squared Euclidean |x − y|²</option>
          <option value="euclidean">Euclidean |x − y|</option>
        </select>
      </div>
    </section>
  );
}
