/**
 * Flow matching / rectified flow: a small network learns a velocity field whose ODE carries the
 * source to the target; particles travel along it on the shared playback bar. Paths cross under
 * the independent coupling and straighten under minibatch OT or after Reflow, which the W₂²
 * against Euler steps chart makes measurable.
 */
import { useEffect } from 'react';
import { FLOW_TRAIN_LANE, startFlowRuns, trainFlowModel, useFlow } from '../solver/flowRun.ts';
import { registerOverlay, requestRedraw } from '../stage/overlays.ts';
import { useStore } from '../state/store.ts';
import { FlowExplain } from './flow/FlowExplain.tsx';
import { drawFlowParticles, drawFlowPaths } from './flow/flowLayer.ts';
import { FlowModelList, FlowW2Chart } from './flow/FlowModels.tsx';
import { FlowReadouts } from './flow/FlowReadouts.tsx';
import { FlowTraining } from './flow/FlowTraining.tsx';
import { ParamSlider } from './ParamSlider.tsx';
import { RunStatus } from './RunStatus.tsx';
import { FlowSummary } from './summary/MotionSummary.tsx';
import './flow/flow.css';

function useFlowEffects(): void {
  useEffect(() => {
    const offs = [
      registerOverlay('flow.paths', -20, drawFlowPaths),
      registerOverlay('flow.particles', 10, drawFlowParticles),
      // The flow's own store (live previews, the Paths toggle) lives outside the main store.
      useFlow.subscribe(() => requestRedraw()),
      startFlowRuns(),
    ];
    // First visit: train once so the stage is never blank (later edits wait for "Train").
    const st = useFlow.getState();
    const running = useStore.getState().runs[FLOW_TRAIN_LANE]?.status === 'running';
    if (st.models.length === 0 && !st.live && !running) void trainFlowModel();
    return () => offs.forEach((off) => off());
  }, []);
}

function PathsToggle() {
  const showPaths = useFlow((s) => s.showPaths);
  return (
    <label className="toggle">
      <input
        type="checkbox"
        checked={showPaths}
        onChange={(e) => useFlow.setState({ showPaths: e.target.checked })}
      />
      Paths
    </label>
  );
}

export function FlowPanel() {
  useFlowEffects();
  return (
    <section className="section" aria-labelledby="flow-title">
      <div className="panel-title">
        <h2 id="flow-title">Flow matching</h2>
        <RunStatus lane={FLOW_TRAIN_LANE} />
      </div>
      <p className="lead">
        A small network learns a velocity field v(x, t) whose flow carries the source to the target. Play (or
        drag Time t) to watch the particles travel; independent pairs give crossing, curved paths, minibatch
        OT or Reflow straightens them.
      </p>
      <FlowTraining />
      <h3 className="flow-sub">On the stage</h3>
      <ParamSlider
        paramKey="eulerSteps"
        min={1}
        max={100}
        steps={99}
        format={(v) => `${v} step${v === 1 ? '' : 's'}`}
      />
      <div className="row">
        <PathsToggle />
      </div>
      <FlowReadouts />
      <FlowSummary />
      <FlowW2Chart />
      <FlowModelList />
      <FlowExplain />
    </section>
  );
}
