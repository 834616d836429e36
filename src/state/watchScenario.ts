/**
 * A method's listener on the open scenario. The store's listeners hear a switch to another method
 * (or another method's gallery entry, file or link) before the method's runs are stopped, and a
 * scenario of another method has none of its parameters: acting on it started Flow evaluations
 * with a NaN bandwidth and fusion or critic trainings with foreign parameters. So a method watches
 * the scenario through this, which passes on only changes to scenarios of that method.
 */
import type { MethodId } from '../methods/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { useStore } from './store.ts';

/**
 * Calls `listener(scenario, previous)` whenever the scenario changes to one of `method`.
 * Returns the unsubscribe function.
 */
export function watchScenario(
  method: MethodId,
  listener: (scenario: Scenario, previous: Scenario) => void,
): () => void {
  return useStore.subscribe((state, prev) => {
    if (state.scenario !== prev.scenario && state.scenario.method === method) {
      listener(state.scenario, prev.scenario);
    }
  });
}
