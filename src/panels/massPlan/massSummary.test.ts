import { describe, expect, it } from 'vitest';
import { massSentence } from './massSummary.ts';

describe('massSentence', () => {
  it('says how much moved and what was destroyed or left behind', () => {
    expect(
      massSentence({
        mass: 0.82,
        cost: 0.41,
        unmovedSource: 0.18,
        unmovedTarget: 0.2,
        createdTarget: 0,
        verb: 'destroyed',
      }),
    ).toBe(
      'The plan moves 0.82 of the mass at cost 0.41; 0.18 of the source and 0.2 of the target are destroyed.',
    );
    expect(
      massSentence({
        mass: 0.5,
        cost: 0.1,
        unmovedSource: 0.5,
        unmovedTarget: 0.5,
        createdTarget: 0,
        verb: 'left behind',
      }),
    ).toBe(
      'The plan moves 0.5 of the mass at cost 0.1; 0.5 of the source and 0.5 of the target stay behind.',
    );
  });

  it('a balanced plan transports everything; created mass is mentioned', () => {
    expect(
      massSentence({
        mass: 1,
        cost: 2,
        unmovedSource: 0,
        unmovedTarget: 0,
        createdTarget: 0,
        verb: 'destroyed',
      }),
    ).toBe('The plan moves 1 of the mass at cost 2; all of both clouds is transported.');
    expect(
      massSentence({
        mass: 0.9,
        cost: 2,
        unmovedSource: 0.1,
        unmovedTarget: 0.2,
        createdTarget: 0.1,
        verb: 'destroyed',
      }),
    ).toMatch(/0.1 is created on the target side\.$/);
  });
});
