/**
 * The W1 critic: a network trained as the Kantorovich–Rubinstein dual, beside the exact potential;
 * its estimate of W1 against the exact value; the contrast with a sigmoid discriminator; and
 * generator mode (WGAN-GP), whose samples move toward the target.
 */
import { useEffect } from 'react';
import type { CriticLive, CriticResult } from '../../../workers/methods/criticTypes.ts';
import { formatNumber } from '../../lib/format.ts';
import { ParamChoice, ParamToggle } from '../../panels/ParamFields.tsx';
import { ParamSlider } from '../../panels/ParamSlider.tsx';
import { RunStatus } from '../../panels/RunStatus.tsx';
import { SummarySentence } from '../../panels/summary/SummarySentence.tsx';
import { registerOverlay } from '../../stage/overlays.ts';
import { useStore } from '../../state/store.ts';
import { useResult } from '../../state/useResult.ts';
import { CriticExplain } from './CriticExplain.tsx';
import { drawCriticField, drawSamples } from './criticLayer.ts';
import { Histogram } from '../../charts/Histogram.tsx';
import { CriticReadouts } from './CriticReadouts.tsx';
import { CriticTraining } from './CriticTraining.tsx';
import { CRITIC_LANE, CRITIC_LIVE_LANE, WGAN_LANE } from './run.ts';
import { criticSentence } from './summary.ts';

/** Registers the stage layers while the panel is mounted. */
function useCriticLayers(): void {
  useEffect(() => {
    const offs = [
      registerOverlay('critic.field', -30, drawCriticField),
      registerOverlay('critic.samples', 10, drawSamples),
    ];
    return () => offs.forEach((off) => off());
  }, []);
}

export function CriticPanel() {
  useCriticLayers();
  const generator = useStore((s) => s.scenario.params.mode === 'generator');
  const lipschitz = useStore((s) => String(s.scenario.params.lipschitz));
  const result = useResult<CriticResult>(CRITIC_LANE)?.value;
  const live = useResult<CriticLive>(CRITIC_LIVE_LANE)?.value;
  const w1 = result?.exact.w1 ?? live?.exact.w1;
  return (
    <section className="section" aria-labelledby="critic-title">
      <div className="panel-title">
        <h2 id="critic-title">W1 critic</h2>
        <RunStatus lane={generator ? WGAN_LANE : CRITIC_LANE} />
      </div>
      <p className="lead">
        W1 is the largest gap E_target f − E_source f over functions f of slope at most 1. Train a network to
        be that f and compare it with the exact potential; its slope does not vanish when the clouds are far
        apart.
      </p>
      <ParamChoice
        paramKey="mode"
        labels={{ critic: 'Critic between the clouds', generator: 'Generator (WGAN-GP)' }}
      />
      {!generator && (
        <ParamChoice
          paramKey="lipschitz"
          labels={{ penalty: 'Gradient penalty', 'one-sided': 'One-sided penalty', clip: 'Weight clipping' }}
        />
      )}
      {!generator && lipschitz === 'clip' ? (
        <ParamSlider paramKey="clip" steps={200} format={(v) => `c = ${formatNumber(v, 2)}`} />
      ) : (
        <ParamSlider paramKey="lambda" steps={200} format={(v) => `λ = ${formatNumber(v, 3)}`} />
      )}
      <ParamSlider paramKey="width" format={(v) => `${v} units`} />
      <ParamSlider paramKey="depth" format={(v) => `${v} hidden layer${v === 1 ? '' : 's'}`} />
      <ParamSlider paramKey="trainSteps" steps={200} format={(v) => `${v} steps`} />
      <ParamSlider
        paramKey="learningRate"
        steps={200}
        format={(v) => (v > 0 ? formatNumber(v, 2) : 'default (Adam 1e-3 / RMSProp 5e-5)')}
      />
      <CriticTraining generator={generator} w1={w1} />
      {!generator && (
        <>
          <ParamChoice paramKey="show" labels={{ critic: 'Learned critic', exact: 'Exact potential' }} />
          <div className="row">
            <ParamToggle paramKey="arrows" />
            <ParamToggle paramKey="rays" />
            <ParamToggle paramKey="contrast" />
          </div>
          <CriticReadouts result={result} w1={w1} />
          {result?.gradientNorm.histogram && (
            <div>
              <Histogram
                counts={result.gradientNorm.histogram.counts}
                min={0}
                max={result.gradientNorm.histogram.top}
                marker={1}
                label="Histogram of the critic's gradient norms at random points between the clouds; the mark is the Lipschitz bound 1"
              />
              <p className="help">‖∇f‖ between the clouds; the mark is the bound 1.</p>
            </div>
          )}
          {result && (
            <SummarySentence
              text={criticSentence({
                lipschitz,
                steps: result.steps,
                stopped: result.stopped,
                estimate: result.w1Estimate,
                w1: result.exact.w1,
                gradientMean: result.gradientNorm.mean,
                contrast: result.contrast ?? undefined,
              })}
            />
          )}
        </>
      )}
      <CriticExplain />
    </section>
  );
}
