/**
 * Brenier maps: the optimal map for the squared distance is the gradient of a convex potential.
 * The stage shows a grid over the source bending into the target as t runs from 0 to 1, the
 * potential's contour lines and the displacement arrows; two estimators (entropic, neural) can be
 * compared by their W₂² and by how far apart their maps are.
 */
import { useEffect } from 'react';
import type { BrenierResult } from '../../../workers/methods/brenierTypes.ts';
import { BRENIER_ICNN_LANE, BRENIER_ICNN_LIVE_LANE, BRENIER_LANE } from './run.ts';
import { registerOverlay } from '../../stage/overlays.ts';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { drawArrows } from './arrowLayer.ts';
import { BrenierExplain } from './BrenierExplain.tsx';
import { brenierToggles, icnnMapNow } from './brenierMap.ts';
import { BrenierReadouts } from './BrenierReadouts.tsx';
import { drawContours } from './contourLayer.ts';
import { IcnnControls } from './IcnnControls.tsx';
import { drawMovingPoints, drawWarpedGrid } from './warpedGridLayer.ts';
import { formatNumber } from '../../lib/format.ts';
import { ParamSlider } from '../../panels/ParamSlider.tsx';
import { RunStatus } from '../../panels/RunStatus.tsx';
import { MapSummary } from '../../panels/summary/MapSummary.tsx';

/** Registers the stage layers while the panel is mounted. */
function useBrenierEffects(): void {
  useEffect(() => {
    const offs = [
      registerOverlay('brenier.contours', -30, drawContours),
      registerOverlay('brenier.grid', -20, drawWarpedGrid),
      registerOverlay('brenier.arrows', -15, drawArrows),
      registerOverlay('brenier.points', 10, drawMovingPoints),
    ];
    return () => offs.forEach((off) => off());
  }, []);
}

function Toggles() {
  const showGrid = brenierToggles.use((t) => t.showGrid);
  const showContours = brenierToggles.use((t) => t.showContours);
  const showArrows = brenierToggles.use((t) => t.showArrows);
  const set = brenierToggles.set;
  return (
    <div className="row">
      <label className="toggle">
        <input type="checkbox" checked={showGrid} onChange={(e) => set({ showGrid: e.target.checked })} />
        Grid
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={showContours}
          onChange={(e) => set({ showContours: e.target.checked })}
        />
        Contours
      </label>
      <label className="toggle">
        <input type="checkbox" checked={showArrows} onChange={(e) => set({ showArrows: e.target.checked })} />
        Arrows
      </label>
    </div>
  );
}

export function BrenierPanel() {
  useBrenierEffects();
  const cost = useStore((s) => s.scenario.cost);
  const estimator = useStore((s) => (s.scenario.params.estimator === 'icnn' ? 'icnn' : 'entropic'));
  const entropic = useResult<BrenierResult>(BRENIER_LANE)?.value;
  // Re-render on the neural lanes too (the final map, or the latest preview).
  useResult<BrenierResult>(BRENIER_ICNN_LANE);
  useResult(BRENIER_ICNN_LIVE_LANE);
  const icnn = icnnMapNow();
  const { setParam, scenario, commit } = useStore.getState();

  return (
    <section className="section" aria-labelledby="brenier-title">
      <div className="panel-title">
        <h2 id="brenier-title">Brenier map</h2>
        {cost === 'sqeuclidean' && (
          <RunStatus lane={estimator === 'icnn' ? BRENIER_ICNN_LANE : BRENIER_LANE} />
        )}
      </div>
      <p className="lead">
        For the squared distance the optimal transport is a map T = ∇φ, the gradient of a convex function.
        Play (or drag Time t): the grid over the source bends from the identity at t = 0 into T at t = 1.
      </p>
      {cost !== 'sqeuclidean' ? (
        <div className="row">
          <p className="status" role="status">
            Brenier maps need the squared Euclidean cost |x − y|²: for |x − y| the optimal maps are not
            gradients of convex functions.
          </p>
          <button
            type="button"
            className="btn primary"
            onClick={() => commit({ ...scenario, cost: 'sqeuclidean' })}
          >
            Use |x − y|²
          </button>
        </div>
      ) : (
        <>
          <div className="field">
            <label htmlFor="brenier-estimator">Estimator</label>
            <select
              id="brenier-estimator"
              value={estimator}
              onChange={(e) => setParam('estimator', e.target.value)}
            >
              <option value="entropic">Entropic (Sinkhorn)</option>
              <option value="icnn">Neural (ICNN)</option>
            </select>
          </div>
          {estimator === 'entropic' ? (
            <ParamSlider
              paramKey="epsilon"
              format={(v) => `ε = ${formatNumber(v, 3)} × spread`}
              hint={() =>
                entropic?.epsilon !== undefined
                  ? `Absolute ε = ${formatNumber(entropic.epsilon, 3)}, blur length √ε = ${formatNumber(Math.sqrt(entropic.epsilon), 3)} plane units`
                  : ''
              }
            />
          ) : (
            <IcnnControls entropicW2={entropic?.view.w2} />
          )}
          <Toggles />
          <BrenierReadouts entropic={entropic} icnn={icnn} />
          <MapSummary map={estimator === 'icnn' ? icnn : entropic} estimator={estimator} />
        </>
      )}
      <BrenierExplain />
    </section>
  );
}
