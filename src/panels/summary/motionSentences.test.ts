import { describe, expect, it } from 'vitest';
import { flowSentence, procrustesSentence } from './motionSentences.ts';

describe('flowSentence', () => {
  it('says where the particles end after the chosen steps, with the noise floor and one step', () => {
    expect(flowSentence({ model: '1-RF', steps: 16, w2: 0.0123, w2OneStep: 0.25, floor: 0.004 })).toBe(
      'Model 1-RF: after 16 Euler steps the particles end at W₂² 0.0123 from the target (sampling noise alone: 0.004; after 1 step: 0.25).',
    );
    expect(flowSentence({ model: 'OT-CFM', steps: 1, w2: 0.5, w2OneStep: 0.5, floor: undefined })).toBe(
      'Model OT-CFM: after 1 Euler step the particles end at W₂² 0.5 from the target.',
    );
  });

  it('says when nothing is trained or measured yet', () => {
    expect(flowSentence(undefined)).toBe('No flow is trained yet.');
    expect(
      flowSentence({ model: '1-RF', steps: 8, w2: undefined, w2OneStep: undefined, floor: undefined }),
    ).toBe("Model 1-RF: its particles' distance to the target is being measured.");
  });
});

describe('procrustesSentence', () => {
  it('says the rotation, scale, shift and RMSD', () => {
    expect(
      procrustesSentence({
        angle: (-40 * Math.PI) / 180,
        reflected: false,
        scale: 1.0234,
        scaling: true,
        translation: [0.5, -0.2],
        rmsd: 0.0341,
      }),
    ).toBe(
      'The source is rotated by −40.0°, scaled by 1.02 and shifted by (0.50, −0.20) onto the target; the aligned points lie 0.0341 from their partners (RMSD).',
    );
  });

  it('names the mirror axis of a reflection and leaves out a fixed scale', () => {
    expect(
      procrustesSentence({
        angle: Math.PI / 2,
        reflected: true,
        scale: 1,
        scaling: false,
        translation: [0, 0],
        rmsd: 0,
      }),
    ).toBe(
      'The source is mirrored across the axis at 45.0° and shifted by (0.00, 0.00) onto the target; the aligned points lie 0 from their partners (RMSD).',
    );
  });

  it('writes a tiny angle as 0.0°', () => {
    expect(
      procrustesSentence({
        angle: 1e-5,
        reflected: false,
        scale: 1,
        scaling: false,
        translation: [1, 2],
        rmsd: 1,
      }),
    ).toMatch(/^The source is rotated by 0\.0° and shifted by \(1\.00, 2\.00\)/);
  });
});
