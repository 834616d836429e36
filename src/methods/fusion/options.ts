/** The fusion kernel's options from a scenario's fusion parameters, and whether it can train (shared by the app and the CLI). */
import type { FederatedRunOptions, FusionOptions } from '../../../workers/methods/fusionTypes.ts';
import { sourceCloud, type Scenario } from '../../scenario/types.ts';
import { labelProblem } from '../adapt/inputs.ts';

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

/** The many-models run's options of `s`: `clients` clients, each trained and aligned as the pair is. */
export function federatedOptions(s: Scenario): FederatedRunOptions {
  const o = fusionOptions(s);
  return {
    clients: Number(s.params.clients),
    split: o.split,
    seed: o.seed,
    width: o.width,
    depth: o.depth,
    trainSteps: o.trainSteps,
    alignment: o.alignment,
  };
}

/** Why the first cloud of `s` cannot train the classifiers (the message shown), or null. */
export const fusionProblem = (s: Scenario): string | null =>
  labelProblem(sourceCloud(s), `The cloud ${sourceCloud(s).name}`);
