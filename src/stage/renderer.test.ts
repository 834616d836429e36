import { describe, expect, it } from 'vitest';
import type { Scenario } from '../scenario/types.ts';
import { isEditableTarget } from './keys.ts';
import { stageLabel } from './renderer.ts';

const cloud = (n: number) => ({ points: new Float64Array(2 * n), weights: null, labels: null });

describe('stageLabel', () => {
  it('summarises both clouds', () => {
    const scenario = { source: cloud(150), target: cloud(1) } as unknown as Scenario;
    expect(stageLabel({ scenario })).toBe('Stage: source 150 points, target 1 point');
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
