import { afterEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/types.ts';
import { useStore } from './store.ts';
import { watchScenario } from './watchScenario.ts';

const st = useStore.getState;

describe('watchScenario', () => {
  const start = st().scenario;
  afterEach(() => useStore.setState({ scenario: start }));

  it("passes on changes to its method's scenarios only, with the previous one", () => {
    st().setMethod('flow');
    const heard: [Scenario, Scenario][] = [];
    const stop = watchScenario('flow', (s, prev) => heard.push([s, prev]));
    const before = st().scenario;
    st().setParam('trainSteps', 300);
    expect(heard).toEqual([[st().scenario, before]]);
    // A switch to another method (heard by plain listeners before the method's runs stop) and an
    // edit there are not passed on; nor is a change of anything but the scenario.
    st().setMethod('procrustes');
    st().setParam('scale', true);
    st().notify('info', 'unrelated');
    expect(heard).toHaveLength(1);
    // Back on Flow: heard again.
    st().setMethod('flow');
    expect(heard).toHaveLength(2);
    expect(heard[1][0].method).toBe('flow');
    expect(heard[1][1].method).toBe('procrustes');
    stop();
    st().setParam('trainSteps', 400);
    expect(heard).toHaveLength(2);
  });
});
