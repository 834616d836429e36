import { describe, expect, it } from 'vitest';
import { exampleScenario } from '../scenario/examples.ts';
import { emptyCloud, type Scenario } from '../scenario/types.ts';
import { getResult } from '../state/results.ts';
import { useStore } from '../state/store.ts';
import type { Outcome } from './client.ts';
import { trackRun } from './trackRun.ts';

const done = (value: number) => (): Promise<Outcome<number>> => Promise.resolve({ status: 'done', value });

describe('trackRun: the clouds a run reads must hold points', () => {
  const s = exampleScenario();
  const oneCloud: Scenario = { ...s, clouds: [s.clouds[0]] };

  it('by default a transport pair: an empty target is refused before the job starts', async () => {
    let started = false;
    await trackRun('t-pair', oneCloud, () => {
      started = true;
      return done(1)();
    });
    expect(started).toBe(false);
    expect(useStore.getState().runs['t-pair']).toMatchObject({
      status: 'error',
      error: 'Both clouds need at least one point.',
    });
  });

  it('a one-cloud method that names its cloud runs on a scenario with one cloud', async () => {
    await trackRun('t-one', oneCloud, done(7), { reads: [oneCloud.clouds[0]] });
    expect(useStore.getState().runs['t-one']?.status).toBe('done');
    expect(getResult<number>('t-one')?.value).toBe(7);
  });

  it('an empty cloud among those read is named in the message', async () => {
    await trackRun('t-one-empty', oneCloud, done(1), { reads: [emptyCloud('Source')] });
    expect(useStore.getState().runs['t-one-empty']?.error).toBe('The cloud needs at least one point.');
    const three = [s.clouds[0], s.clouds[1], emptyCloud('Cloud 3')];
    await trackRun('t-three', s, done(1), { reads: three });
    expect(useStore.getState().runs['t-three']?.error).toBe('Every cloud used needs at least one point.');
  });
});
