import { beforeEach, describe, expect, it } from 'vitest';
import { targetCloud, sourceCloud, cloudSize, type Cloud } from '../scenario/types.ts';
import { useStore } from '../state/store.ts';
import {
  actAtCursor,
  carryTo,
  centreCursor,
  drop,
  pickUp,
  putBack,
  cursorStep,
  panToKeepInView,
  removeNearest,
  stepCursor,
  stepDecimals,
} from './keyboardEdits.ts';
import { testToolEnv, testView } from './tools/testKit.ts';

// 100 px per unit, plane origin at canvas (400, 300) of an 800×600 canvas.
const view = testView(400, 300);
const env = testToolEnv(view, 7);
const cloud = (pts: number[], name = 'Source'): Cloud => ({
  name,
  points: Float64Array.from(pts),
  weights: null,
  labels: null,
});
const initial = useStore.getState();
const s = () => useStore.getState();
beforeEach(() => {
  useStore.setState(initial, true);
  useStore.setState({
    scenario: { ...initial.scenario, clouds: [cloud([0, 0, 1, 0]), cloud([0, 1], 'Target')] },
    activeCloud: 0,
    tool: 'point',
    brushSpread: 0.1,
    brushRate: 60,
  });
});

describe('cursor geometry', () => {
  it('steps by a 1-2-5 number of plane units near 12 px', () => {
    expect(cursorStep(100)).toBeCloseTo(0.1, 15); // 0.12 → 0.1
    expect(cursorStep(40)).toBeCloseTo(0.2, 15); // 0.3 → 0.2
    expect(cursorStep(24)).toBeCloseTo(0.5, 15); // 0.5
    expect(cursorStep(10)).toBeCloseTo(1, 15); // 1.2 → 1
    expect(cursorStep(1)).toBeCloseTo(10, 12); // 12 → 10
    expect(cursorStep(2000)).toBeCloseTo(0.005, 15); // 0.006 → 0.005
  });

  it('shows a step exactly with at least two decimals', () => {
    expect(stepDecimals(0.1)).toBe(2);
    expect(stepDecimals(1)).toBe(2);
    expect(stepDecimals(0.005)).toBe(3);
    expect(stepDecimals(0.0001)).toBe(4);
  });

  it('moves along the key axis, up is +y, snapped to the step grid', () => {
    expect(stepCursor({ x: 0.42, y: -1.1 }, 'ArrowRight', 0.1)).toEqual({ x: 0.5, y: -1.1 });
    expect(stepCursor({ x: 0.42, y: -1.1 }, 'ArrowLeft', 0.1)).toEqual({ x: 0.3, y: -1.1 });
    expect(stepCursor({ x: 0.4, y: -1.1 }, 'ArrowUp', 0.1)).toEqual({ x: 0.4, y: -1 });
    expect(stepCursor({ x: 0.4, y: 0.2 }, 'ArrowDown', 0.1, 5)).toEqual({ x: 0.4, y: -0.3 });
    // Rounded to the step's decimals: no 0.30000000000000004.
    expect(stepCursor({ x: 0.2, y: 0 }, 'ArrowRight', 0.1).x).toBe(0.3);
    expect(stepCursor({ x: 1, y: 2 }, 'Enter', 0.1)).toEqual({ x: 1, y: 2 });
  });

  it('starts at the canvas centre', () => {
    expect(centreCursor(view, 0.1)).toEqual({ x: 0, y: 0 });
  });

  it('pans just enough to keep the cursor inside the margin', () => {
    expect(panToKeepInView(400, 300, 800, 600, 24)).toEqual([0, 0]);
    expect(panToKeepInView(790, 300, 800, 600, 24)).toEqual([-14, 0]);
    expect(panToKeepInView(10, 620, 800, 600, 24)).toEqual([14, -44]);
  });
});

describe('edits at the cursor', () => {
  it('the point tool adds one point of the active cloud, one undo step', () => {
    const text = actAtCursor(env, { x: 0.4, y: -1.1 });
    expect(text).toBe('Added Source point at (0.40, −1.10)');
    const pts = sourceCloud(s().scenario).points;
    expect(Array.from(pts.subarray(4))).toEqual([0.4, -1.1]);
    s().undo();
    expect(cloudSize(sourceCloud(s().scenario))).toBe(2);
  });

  it('the brush sprays a quarter second at the brush rate around the cursor, one undo step', () => {
    useStore.setState({ tool: 'brush', activeCloud: 1 });
    expect(actAtCursor(env, { x: 2, y: 2 })).toBe('Sprayed 15 Target points around (2.00, 2.00)');
    const pts = targetCloud(s().scenario).points;
    expect(cloudSize(targetCloud(s().scenario))).toBe(16);
    // Spread 0.1: every point within 6 standard deviations of the cursor.
    for (let k = 2; k < pts.length; k += 2) expect(Math.hypot(pts[k] - 2, pts[k + 1] - 2)).toBeLessThan(0.6);
    s().undo();
    expect(cloudSize(targetCloud(s().scenario))).toBe(1);
  });

  it('the eraser clears its circle (radius 2 × spread)', () => {
    useStore.setState({ tool: 'erase' });
    expect(actAtCursor(env, { x: 0.9, y: 0 })).toBe('Erased 1 Source point around (0.90, 0.00)');
    expect(Array.from(sourceCloud(s().scenario).points)).toEqual([0, 0]);
    expect(actAtCursor(env, { x: 3, y: 3 })).toBe('No Source points to erase around (3.00, 3.00)');
    s().undo();
    expect(cloudSize(sourceCloud(s().scenario))).toBe(2);
  });

  it('the select tool toggles the nearest point in the selection, and edits nothing', () => {
    useStore.setState({ tool: 'select' });
    expect(actAtCursor(env, { x: 0.9, y: 0 })).toBe('Selected Source point at (1.00, 0.00); 1 selected');
    expect(actAtCursor(env, { x: 0.1, y: 0 })).toBe('Selected Source point at (0.00, 0.00); 2 selected');
    expect(Array.from(s().selection!.indices)).toEqual([0, 1]);
    expect(actAtCursor(env, { x: 1, y: 0 })).toBe('Deselected Source point at (1.00, 0.00); 1 selected');
    expect(Array.from(s().selection!.indices)).toEqual([0]);
    expect(actAtCursor(env, { x: 3, y: 3 })).toBe('No Source point near (3.00, 3.00) to select');
    expect(actAtCursor(env, { x: 0, y: 0 })).toBe('Deselected Source point at (0.00, 0.00); 0 selected');
    expect(s().selection).toBeNull();
    expect(s().history.past).toHaveLength(0);
  });

  it('other tools change nothing and say which keys do', () => {
    useStore.setState({ tool: 'pan' });
    expect(actAtCursor(env, { x: 0, y: 0 })).toMatch(/^Enter adds points with the Add point or Brush tool/);
    expect(cloudSize(sourceCloud(s().scenario))).toBe(2);
  });

  it('Delete removes the nearest point of the active cloud within the radius', () => {
    // Radius max(2 × 0.1, 24 px / 100) = 0.24.
    expect(removeNearest(env, { x: 0.8, y: 0 })).toBe('Removed Source point at (1.00, 0.00)');
    expect(Array.from(sourceCloud(s().scenario).points)).toEqual([0, 0]);
    expect(removeNearest(env, { x: 0.25, y: 0 })).toBe('No Source point near (0.25, 0.00)');
    expect(cloudSize(sourceCloud(s().scenario))).toBe(1);
    s().undo();
    expect(cloudSize(sourceCloud(s().scenario))).toBe(2);
  });
});

describe('carrying a point with the Move tool', () => {
  beforeEach(() => useStore.setState({ tool: 'move' }));

  it('picks up the nearest point within 24 px, carries it, and drops it as one undo step', () => {
    const r = pickUp(env, { x: 0.9, y: 0.1 });
    expect(r.text).toBe(
      'Picked up Source point at (1.00, 0.00): arrows move it, Enter drops it, Escape puts it back',
    );
    const c = r.carried!;
    carryTo(env, c, { x: 1.5, y: -0.5 });
    carryTo(env, c, { x: 2, y: -1 });
    expect(Array.from(sourceCloud(s().scenario).points)).toEqual([0, 0, 2, -1]);
    expect(drop(c)).toBe('Dropped Source point at (2.00, −1.00)');
    expect(s().gestureStart).toBeNull();
    s().undo(); // the whole carry is one step
    expect(Array.from(sourceCloud(s().scenario).points)).toEqual([0, 0, 1, 0]);
  });

  it('Escape puts the point back and leaves no undo step', () => {
    const c = pickUp(env, { x: 0, y: 0.9 }).carried!; // the Target point (0, 1) is nearest
    expect(c.side).toBe(1);
    carryTo(env, c, { x: 3, y: 3 });
    expect(putBack(c)).toBe('Move cancelled: the Target point is back');
    expect(Array.from(targetCloud(s().scenario).points)).toEqual([0, 1]);
    expect(s().gestureStart).toBeNull();
    expect(s().history.past).toHaveLength(0);
  });

  it('says so when no point is near', () => {
    const r = pickUp(env, { x: 5, y: 5 });
    expect(r.carried).toBeNull();
    expect(r.text).toBe('No point near (5.00, 5.00) to pick up');
  });
});
