/**
 * Flow matching / rectified flow: a small network learns a velocity field whose ODE carries the
 * source to the target; particles travel along it on the shared playback bar. Paths cross under
 * the independent coupling and straighten under minibatch OT or after Reflow, which the W₂²
 * against Euler steps chart makes measurable.
 */
import { useEffect } from 'react';
import { FLOW_TRAIN_LANE } from './run.ts';
import { flowState } from './state.ts';
import { registerOverlay } from '../../stage/overlays.ts';
import { FlowExplain } from './FlowExplain.tsx';
import { drawFlowParticles, drawFlowPaths } from './flowLayer.ts';
import { FlowModelList, FlowW2Chart } from './FlowModels.tsx';
import { FlowReadouts } from './FlowReadouts.tsx';
import { FlowTraining } from './FlowTraining.tsx';
import { ParamSlider } from '../../panels/ParamSlider.tsx';
import { RunStatus } from '../../panels/RunStatus.tsx';
import { FlowSummary } from '../../panels/summary/MotionSummary.tsx';
import './flow.css';

function useFlowEffects(): void {
  useEffect(() => {
    const offs = [
      registerOverlay('flow.paths', -20, drawFlowPaths),
      registerOverlay('flow.particles', 10, drawFlowParticles),
    ];
    return () => offs.forEach((off) => off());
  }, []);
}

function PathsToggle() {
  const showPaths = flowState.use((s) => s.showPaths);
  return (
    <label className="toggle">
      <input
        type="checkbox"
        checked={showPaths}
        onChange={(e) => flowState.set({ showPaths: e.target.checked })}
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
      <ParamSlider paramKey="eulerSteps" format={(v) => `${v} step${v === 1 ? '' : 's'}`} />
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
