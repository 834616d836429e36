import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/types.ts';
import { isEditableTarget } from './keys.ts';
import { stageLabel } from './renderer.ts';

const cloud = (n: number, name: string) => ({
  name,
  points: new Float64Array(2 * n),
  weights: null,
  labels: null,
});

describe('stageLabel', () => {
  it('names every cloud with its count', () => {
    const scenario = {
      clouds: [cloud(150, 'Source'), cloud(1, 'Target'), cloud(0, 'Ring')],
    } as unknown as Scenario;
    expect(stageLabel({ scenario })).toBe('Stage: Source 150 points, Target 1 point, Ring 0 points');
  });
});

describe('isEditableTarget', () => {
  const el = (tagName: string, extra: Record<string, unknown> = {}) =>
    ({ tagName, isContentEditable: false, ...extra }) as unknown as EventTarget;
  it('text fields are editable, sliders and buttons are not', () => {
    expect(isEditableTarget(el('INPUT', { type: 'text' }))).toBe(true);
    expect(isEditableTarget(el('INPUT', { type: 'number' }))).toBe(true);
    expect(isEditableTarget(el('TEXTAREA'))).toBe(true);
    expect(isEditableTarget(el('DIV', { isContentEditable: true }))).toBe(true);
    expect(isEditableTarget(el('INPUT', { type: 'range' }))).toBe(false);
    expect(isEditableTarget(el('BUTTON'))).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
  });
});
