/** The fusion kernel's options from a scenario's fusion parameters (shared by the app and the CLI). */
import type { FusionOptions } from '../../../workers/methods/fusionTypes.ts';
import type { Scenario } from '../../scenario/types.ts';

/** The experiment's options of `s` (validated fusion parameters) and its seed (model A's). */
export function fusionOptions(s: Scenario): FusionOptions {
  const p = s.params;
  return {
    width: Number(p.width),
    depth: Number(p.depth),
    trainSteps: Number(p.trainSteps),
    alignment: p.alignment as FusionOptions['alignment'],
    data: p.data as FusionOptions['data'],
    split: p.split as FusionOptions['split'],
    modelB: p.modelB as FusionOptions['modelB'],
    seed: s.seed,
  };
}
