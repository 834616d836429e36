/**
 * Sliced Wasserstein: optimal transport along lines. One direction θ (the stage's line, its handle,
 * or the θ slider with the arrow keys) gives a 1-D problem solved by sorting: the projections'
 * histograms, their quantile functions and the monotone matching, and the exact 1-D W₂². Many
 * seeded directions give the sliced estimate with its ±2σ band, and max-sliced the worst one. The
 * sliced Wasserstein flow moves the source particles until they fit the target.
 */
import { useEffect } from 'react';
import type {
  SlicedAngleResult,
  SlicedEstimateLive,
  SlicedEstimateResult,
  SlicedFlowLive,
  SlicedFlowOutcome,
} from '../../../workers/methods/slicedTypes.ts';
import { cloudDot } from '../../lib/cloudDot.ts';
import { formatNumber } from '../../lib/format.ts';
import { Formula } from '../../panels/Formula.tsx';
import { ParamSlider } from '../../panels/ParamSlider.tsx';
import { ProgressBar } from '../../panels/ProgressBar.tsx';
import { RunStatus } from '../../panels/RunStatus.tsx';
import { SummarySentence } from '../../panels/summary/SummarySentence.tsx';
import { registerOverlay } from '../../stage/overlays.ts';
import { sourceCloud, targetCloud } from '../../scenario/types.ts';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import {
  SLICED_ANGLE_LANE,
  SLICED_FLOW_LANE,
  SLICED_FLOW_LIVE_LANE,
  SLICED_LANE,
  SLICED_LIVE_LANE,
  runSlicedFlow,
  stopSlicedEstimate,
  stopSlicedFlow,
} from './run.ts';
import { EstimateChart, FitChart, MatchingStrip, QuantileChart, SliceHistograms } from './SliceCharts.tsx';
import { attachSliceHandle } from './sliceHandle.ts';
import { drawDirections, drawFlowParticles, drawSlice } from './slicedLayer.ts';
import { slicedSentence } from './summary.ts';
import './sliced.css';
import { RunFacts } from '../../panels/RunFacts.tsx';

const degrees = (rad: number) => (rad * 180) / Math.PI;

/** Registers the stage layers and the handle while the panel is mounted. */
function useSlicedStage(): void {
  useEffect(() => {
    const offs = [
      registerOverlay('sliced.directions', -15, drawDirections),
      registerOverlay('sliced.slice', 15, drawSlice),
      registerOverlay('sliced.flow', 30, drawFlowParticles),
      attachSliceHandle(),
    ];
    return () => offs.forEach((off) => off());
  }, []);
}

function estimateStatus(
  status: string | undefined,
  live: SlicedEstimateLive | undefined,
  e?: SlicedEstimateResult,
) {
  if (status === 'running')
    return live ? `Slicing: direction ${live.done} of ${live.angles.length}` : 'Slicing…';
  if (status === 'cancelled') return 'Stopped';
  if (status === 'done' && e)
    return `Sliced W₂² over ${e.angles.length} direction${e.angles.length === 1 ? '' : 's'}`;
  return '';
}

function flowStatus(status: string | undefined, live: SlicedFlowLive | undefined, f?: SlicedFlowOutcome) {
  if (status === 'running') return live ? `Flowing: step ${live.step} of ${live.steps}` : 'Flowing…';
  if (status === 'cancelled') return 'Flow cancelled';
  if (f) return f.stopped ? `Flow stopped at step ${f.step} of ${f.steps}` : `Flow done: ${f.step} steps`;
  return '';
}

/** One direction: θ, its 1-D W₂², the histograms, quantiles and the matching. */
function OneDirection({ names }: { names: [string, string] }) {
  const slice = useResult<SlicedAngleResult>(SLICED_ANGLE_LANE)?.value;
  const estimate = useResult<SlicedEstimateResult>(SLICED_LANE)?.value;
  const { setParam } = useStore.getState();
  return (
    <div className="sliced-block">
      <h3>One direction</h3>
      <ParamSlider paramKey="angle" steps={360} format={(v) => `θ = ${formatNumber(v, 4)}°`} />
      <p className="help">Drag the round handle on the stage, or focus the slider and use the arrow keys.</p>
      <dl className="readouts" aria-label="Slice readouts">
        <dt title="The exact W₂² between the two projections on θ (1-D OT: sort and match)">1-D W₂² at θ</dt>
        <dd data-testid="sliced-w2-angle">{slice ? formatNumber(slice.w2, 5) : '…'}</dd>
      </dl>
      {estimate && (
        <div className="row">
          <button
            type="button"
            className="btn"
            onClick={() => setParam('angle', Math.round(degrees(estimate.maxSliced.angle) * 2) / 2)}
          >
            Turn θ to max-sliced
          </button>
        </div>
      )}
      {slice && (
        <>
          <p className="help">
            Projections on θ: <span className="dot cloud" style={cloudDot(0)} aria-hidden="true" /> {names[0]}{' '}
            solid, <span className="dot cloud" style={cloudDot(1)} aria-hidden="true" /> {names[1]} dashed.
          </p>
          <SliceHistograms r={slice} names={names} />
          <p className="help">Quantile functions: the monotone matching pairs equal levels q.</p>
          <QuantileChart r={slice} names={names} />
          <p className="help">Sorting is the matching: sorted projections joined in order.</p>
          <MatchingStrip r={slice} names={names} />
        </>
      )}
    </div>
  );
}

/** Many directions: L, the estimate with its band, max-sliced. */
function ManyDirections() {
  const run = useStore((s) => s.runs[SLICED_LANE]);
  const done = useResult<SlicedEstimateResult>(SLICED_LANE);
  const live = useResult<SlicedEstimateLive>(SLICED_LIVE_LANE);
  const e = done?.value;
  const liveNow = live && (!done || live.runId > done.runId) ? live.value : undefined;
  const running = run?.status === 'running';
  return (
    <div className="sliced-block">
      <h3>Many directions</h3>
      <ParamSlider paramKey="projections" format={(v) => `L = ${v}`} />
      <p className="help">Play the time bar to watch the directions accumulate on the stage.</p>
      <div className="row">
        <button type="button" className="btn" onClick={stopSlicedEstimate} disabled={!running}>
          Stop
        </button>
        <span className="status" role="status" aria-live="polite" data-testid="sliced-status">
          {estimateStatus(run?.status, liveNow, e)}
        </span>
      </div>
      {running && <ProgressBar label="Slicing progress" fraction={run.progress} />}
      {e && (
        <>
          <dl className="readouts" aria-label="Sliced readouts">
            <dt title="The mean of the exact 1-D W₂² over L seeded directions, ± two standard errors">
              Sliced W₂² (± 2σ)
            </dt>
            <dd data-testid="sliced-sw2">
              {formatNumber(e.sw2, 5)} ± {formatNumber(2 * e.standardError, 2)}
            </dd>
            <dt title="The largest 1-D W₂² over all directions, and its direction">Max-sliced W₂²</dt>
            <dd data-testid="sliced-max">
              {formatNumber(e.maxSliced.value, 5)} at {formatNumber(degrees(e.maxSliced.angle), 4)}°
            </dd>
            <RunFacts timeMs={e.timeMs} />
          </dl>
          <EstimateChart mean={e.runningMean} band={e.runningBand} />
        </>
      )}
    </div>
  );
}

/** The sliced Wasserstein flow: Run / Stop, the fit. */
function Flow() {
  const run = useStore((s) => s.runs[SLICED_FLOW_LANE]);
  const done = useResult<SlicedFlowOutcome>(SLICED_FLOW_LANE);
  const live = useResult<SlicedFlowLive>(SLICED_FLOW_LIVE_LANE);
  const running = run?.status === 'running';
  const f = done?.value;
  const liveNow = live && (!done || live.runId > done.runId) ? live.value : undefined;
  const fit = liveNow?.fitHistory ?? f?.fitHistory;
  return (
    <div className="sliced-block">
      <h3>Sliced Wasserstein flow</h3>
      <p className="help">
        Moves the source particles down the gradient of SW₂² to the target; the time bar replays the motion.
      </p>
      <ParamSlider paramKey="flowSteps" format={(v) => `${v} steps`} />
      <ParamSlider paramKey="stepSize" format={(v) => `η = ${formatNumber(v, 3)}`} />
      <div className="row">
        <button
          type="button"
          className="btn primary"
          onClick={() => void runSlicedFlow(useStore.getState().scenario)}
          disabled={running}
        >
          Run flow
        </button>
        <button type="button" className="btn" onClick={stopSlicedFlow} disabled={!running}>
          Stop flow
        </button>
        <span className="status" role="status" aria-live="polite" data-testid="sliced-flow-status">
          {flowStatus(run?.status, liveNow, f)}
        </span>
      </div>
      {running && <ProgressBar label="Flow progress" fraction={run.progress} />}
      {fit && fit.length > 0 && (
        <>
          <dl className="readouts" aria-label="Flow readouts">
            <dt title="Sliced W₂² between the particles and the target, on 32 fixed directions">
              Fit at the start
            </dt>
            <dd data-testid="sliced-fit-start">{formatNumber(fit[0], 4)}</dd>
            <dt>Fit now</dt>
            <dd data-testid="sliced-fit-now">{formatNumber(fit[fit.length - 1], 4)}</dd>
          </dl>
          {fit.length > 1 && <FitChart fit={fit} />}
        </>
      )}
    </div>
  );
}

export function SlicedPanel() {
  useSlicedStage();
  const scenario = useStore((s) => s.scenario);
  const names: [string, string] = [sourceCloud(scenario).name, targetCloud(scenario).name];
  const slice = useResult<SlicedAngleResult>(SLICED_ANGLE_LANE)?.value;
  const e = useResult<SlicedEstimateResult>(SLICED_LANE)?.value;
  const f = useResult<SlicedFlowOutcome>(SLICED_FLOW_LANE)?.value;
  const angleError = useStore((s) => s.runs[SLICED_ANGLE_LANE]);
  return (
    <section className="section" aria-labelledby="sliced-title">
      <div className="panel-title">
        <h2 id="sliced-title">Sliced Wasserstein</h2>
        <RunStatus lane={SLICED_LANE} />
      </div>
      <p className="lead">
        On a line, optimal transport is sorting: the k-th smallest projection of the source goes to the k-th
        smallest of the target. Slice the plane along many directions and average.
      </p>
      <Formula
        display
        tex={String.raw`W_2^2(\theta) = \int_0^1 \bigl|F_\theta^{-1}(q) - G_\theta^{-1}(q)\bigr|^2\, dq`}
      />
      <Formula
        display
        tex={String.raw`SW_2^2 = \mathbb{E}_\theta\, W_2^2(\theta) \approx \frac{1}{L}\sum_{l=1}^{L} W_2^2(\theta_l)`}
      />
      {angleError?.status === 'error' && (
        <p className="status" role="status">
          {angleError.error}
        </p>
      )}
      <OneDirection names={names} />
      <ManyDirections />
      <Flow />
      <SummarySentence
        text={slicedSentence({
          source: names[0],
          target: names[1],
          angle: Number(scenario.params.angle),
          w2AtAngle: slice?.w2,
          estimate: e && {
            projections: e.angles.length,
            sw2: e.sw2,
            standardError: e.standardError,
            max: e.maxSliced.value,
            maxAngle: degrees(e.maxSliced.angle),
          },
          flow: f && {
            steps: f.step,
            before: f.fitHistory[0],
            after: f.fitHistory[f.fitHistory.length - 1],
            stopped: f.stopped,
          },
        })}
      />
      <details className="explain">
        <summary>What is computed</summary>
        <p>
          Along a unit direction θ = (cos θ, sin θ) each point x becomes the number ⟨x, θ⟩. Between two
          weighted samples on the line the optimal plan for a convex cost is monotone: sort both, and match
          them in order, splitting a point’s mass where the cumulative weights cross (merging the two quantile
          functions). Its cost is exact:{' '}
          <Formula tex={String.raw`W_2^2(\theta)=\sum_k m_k\,(u_{i_k}-v_{j_k})^2`} />. θ and θ + 180° give the
          same slice.
        </p>
        <p>
          The sliced distance averages that over directions uniform on the circle; with L seeded directions it
          is a Monte-Carlo estimate whose standard error falls like 1/√L (the band is ±2σ of the running
          mean). Projection never lengthens distances, so every slice, and their mean, is at most the full
          W₂²; max-sliced, <Formula tex={String.raw`\max_\theta W_2^2(\theta)`} />, is the worst single
          direction.
        </p>
        <p>
          The flow descends <Formula tex={String.raw`\tfrac12 SW_2^2`} />: each step draws L directions,
          sorts, and moves every particle by{' '}
          <Formula
            tex={String.raw`-\eta\,\tfrac{2}{L}\sum_l (\langle x,\theta_l\rangle - T_{\theta_l}(x))\,\theta_l`}
          />
          , where T sends its projection to the target projection it is matched with. The fit is SW₂² on 32
          evenly spaced directions.
        </p>
      </details>
    </section>
  );
}
