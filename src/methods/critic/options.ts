/** The critic kernel's options from a scenario's critic parameters (shared by the app and the CLI). */
import type { CriticOptions } from '../../../workers/methods/criticTypes.ts';
import type { Scenario } from '../../scenario/types.ts';

/**
 * The training options of `s` (validated critic parameters) and its seed. A learning rate of 0
 * leaves the kernel's default: Adam 1e-3 for the penalties, RMSProp 5e-5 for clipping.
 */
export function criticOptions(s: Scenario): CriticOptions {
  const p = s.params;
  const rate = Number(p.learningRate);
  return {
    lipschitz: p.lipschitz as CriticOptions['lipschitz'],
    lambda: Number(p.lambda),
    clip: Number(p.clip),
    trainSteps: Number(p.trainSteps),
    width: Number(p.width),
    depth: Number(p.depth),
    activation: p.activation as CriticOptions['activation'],
    ...(rate > 0 ? { learningRate: rate } : {}),
    seed: s.seed,
  };
}
