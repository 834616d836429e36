/** One-sentence summaries of the flow (where its particles end) and of the Procrustes fit. */
import type { ProcrustesResponse } from '../../../workers/methods/procrustes.ts';
import { flowState, selectedEntry } from '../../methods/flow/state.ts';
import { useStore } from '../../state/store.ts';
import { flowSentence, procrustesSentence } from './motionSentences.ts';
import { SummarySentence } from './SummarySentence.tsx';

/** The selected flow model's W₂² to the target at the chosen Euler steps (as the readouts report it). */
export function FlowSummary() {
  const entry = flowState.use((s) => selectedEntry(s));
  const steps = useStore((s) => Number(s.scenario.params.eulerSteps));
  const ev = entry?.evaluation;
  // The curve holds powers of two: the largest one not above the chosen steps (as FlowReadouts).
  const near = ev?.w2.filter((p) => p.steps <= steps).pop();
  const text = flowSentence(
    entry && {
      model: entry.name,
      steps: near ? near.steps : steps,
      w2: near?.w2,
      w2OneStep: ev?.w2.find((p) => p.steps === 1)?.w2,
      floor: ev?.w2Floor,
    },
  );
  return <SummarySentence text={text} />;
}

export function ProcrustesSummary({ r, scaling }: { r: ProcrustesResponse; scaling: boolean }) {
  const text = procrustesSentence({
    angle: r.angle,
    reflected: r.reflected,
    scale: r.scale,
    scaling,
    translation: [r.translation[0], r.translation[1]],
    rmsd: r.rmsd,
  });
  return <SummarySentence text={text} />;
}
