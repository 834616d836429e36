import { beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../scenario/limits.ts';
import { cloudSize, sourceCloud, targetCloud, withCloud, type Cloud } from '../../scenario/types.ts';
import { useStore } from '../../state/store.ts';
import { brushRadius, FULL_MESSAGE } from './brush.ts';
import { startGesture, type PointerSample } from './index.ts';
import { testToolEnv, testView } from './testKit.ts';

// A 100 px-per-unit view with the plane origin at canvas (0, 0): px = 100 x, py = -100 y.
const view = testView(0, 0);
const env = testToolEnv(view, 42);
const at = (x: number, y: number, time = 0, mods: Partial<PointerSample> = {}): PointerSample => ({
  px: view.sx(x),
  py: view.sy(y),
  x,
  y,
  time,
  shift: false,
  alt: false,
  pointerType: 'mouse',
  ...mods,
});
const cloud = (pts: number[], weights?: number[], name = 'Source'): Cloud => ({
  name,
  points: Float64Array.from(pts),
  weights: weights ? Float64Array.from(weights) : null,
  labels: null,
});

const initial = useStore.getState();
beforeEach(() => {
  useStore.setState(initial, true);
  useStore.setState({
    scenario: {
      ...initial.scenario,
      clouds: [cloud([0, 0, 1, 0, 2, 0]), cloud([0, 1], undefined, 'Target')],
    },
    activeCloud: 0,
    brushSpread: 0.1,
    brushRate: 100,
  });
});
const s = () => useStore.getState();

describe('brush', () => {
  it('adds one point on press, then brushRate points per second, as one undo step', () => {
    const g = startGesture('brush', env, at(5, 5))!;
    expect(cloudSize(sourceCloud(s().scenario))).toBe(4);
    g.frame!(100); // 0.1 s at 100/s: 10 points
    g.move(at(6, 6));
    g.frame!(150); // 5 more
    g.end();
    expect(cloudSize(sourceCloud(s().scenario))).toBe(3 + 1 + 10 + 5);
    expect(cloudSize(targetCloud(s().scenario))).toBe(1);
    // Sprayed points lie near the pointer (spread 0.1): within 1 unit with overwhelming probability.
    const p = sourceCloud(s().scenario).points;
    for (let i = 3; i < 19; i++)
      expect(Math.hypot(p[2 * i] - (i < 14 ? 5 : 6), p[2 * i + 1] - (i < 14 ? 5 : 6))).toBeLessThan(1);
    expect(s().history.past.length).toBe(1);
    s().undo();
    expect(cloudSize(sourceCloud(s().scenario))).toBe(3);
  });

  it('does not dump a burst after a stall', () => {
    const g = startGesture('brush', env, at(0, 0))!;
    g.frame!(10_000);
    g.end();
    expect(cloudSize(sourceCloud(s().scenario))).toBe(3 + 1 + 10); // 100 ms cap at 100/s
  });

  it('stops at the point limit and says so once', () => {
    const full = new Float64Array(2 * (LIMITS.maxPointsPerCloud - 2));
    useStore.setState({
      scenario: withCloud(s().scenario, 0, { name: 'Source', points: full, weights: null, labels: null }),
    });
    const g = startGesture('brush', env, at(0, 0))!;
    g.frame!(100);
    g.frame!(200);
    g.end();
    expect(cloudSize(sourceCloud(s().scenario))).toBe(LIMITS.maxPointsPerCloud);
    expect(s().notices.filter((n) => n.text === FULL_MESSAGE).length).toBe(1);
  });

  it('cancel restores the cloud and records nothing', () => {
    const g = startGesture('brush', env, at(0, 0))!;
    g.frame!(100);
    g.cancel();
    expect(cloudSize(sourceCloud(s().scenario))).toBe(3);
    expect(s().history.past.length).toBe(0);
    expect(s().gestureStart).toBeNull();
  });
});

describe('point', () => {
  it('adds exactly one point at the pointer, undoable, keeping weights aligned', () => {
    useStore.setState({ scenario: withCloud(s().scenario, 0, cloud([0, 0, 1, 0], [1, 3])) });
    expect(startGesture('point', env, at(0.25, -0.5))).toBeNull();
    const c = sourceCloud(s().scenario);
    expect(Array.from(c.points.slice(4))).toEqual([0.25, -0.5]);
    expect(Array.from(c.weights!)).toEqual([1, 3, 2]);
    expect(s().history.past.length).toBe(1);
  });
});

describe('erase', () => {
  it('removes points of the active cloud along the stroke and remaps the selection', () => {
    useStore.setState({
      scenario: withCloud(s().scenario, 1, cloud([1, 0.05], undefined, 'Target')),
      selection: { cloud: 0, indices: Int32Array.from([0, 2]) },
    });
    const r = brushRadius(0.1);
    expect(r).toBeCloseTo(0.2, 12);
    const g = startGesture('erase', env, at(-5, 0))!; // nothing there
    expect(cloudSize(sourceCloud(s().scenario))).toBe(3);
    g.move(at(1.1, 0)); // sweeps through (0, 0) and (1, 0)
    g.end();
    expect(Array.from(sourceCloud(s().scenario).points)).toEqual([2, 0]);
    expect(cloudSize(targetCloud(s().scenario))).toBe(1); // the other cloud is untouched
    expect(Array.from(s().selection!.indices)).toEqual([0]);
    expect(s().history.past.length).toBe(1);
  });

  it('may empty the cloud', () => {
    const g = startGesture('erase', env, at(0, 0))!;
    g.move(at(2, 0));
    g.end();
    expect(cloudSize(sourceCloud(s().scenario))).toBe(0);
  });
});

describe('move', () => {
  it('drags the nearest point of either cloud within the hit radius', () => {
    // (0, 0.95) is 9.5 px from the target point (0, 1) and 95 px from the source point (0, 0).
    const g = startGesture('move', env, at(0, 0.95))!;
    g.move(at(0.5, 1.45));
    g.end();
    expect(Array.from(targetCloud(s().scenario).points)).toEqual([0.5, 1.5]);
    expect(sourceCloud(s().scenario).points[1]).toBe(0);
    expect(s().history.past.length).toBe(1);
  });

  it('does nothing away from points', () => {
    expect(startGesture('move', env, at(0.5, 0.5))).toBeNull();
    expect(s().gestureStart).toBeNull();
  });

  it('moves the whole selection when a selected point is grabbed', () => {
    useStore.setState({ selection: { cloud: 0, indices: Int32Array.from([1, 2]) } });
    const g = startGesture('move', env, at(1, 0))!;
    g.move(at(1, 1));
    g.end();
    expect(Array.from(sourceCloud(s().scenario).points)).toEqual([0, 0, 1, 1, 2, 1]);
  });
});

describe('select', () => {
  it('selects the points of the active cloud in a rectangle', () => {
    const g = startGesture('select', env, at(0.5, -0.5))!;
    g.move(at(2.5, 1.5)); // x from 0.5: the target point (0, 1) is outside anyway
    g.end();
    expect(s().selection?.cloud).toBe(0);
    expect(Array.from(s().selection!.indices)).toEqual([1, 2]);
    expect(s().history.past.length).toBe(0); // selecting is not an edit
  });

  it('selects with a lasso when Shift is held', () => {
    const g = startGesture('select', env, at(-0.5, -0.5, 0, { shift: true }))!;
    g.move(at(1.5, -0.5));
    g.move(at(1.5, 0.5));
    g.move(at(-0.5, 0.5));
    g.end();
    expect(Array.from(s().selection!.indices)).toEqual([0, 1]);
  });

  it('a click on empty space clears the selection', () => {
    useStore.setState({ selection: { cloud: 0, indices: Int32Array.from([0]) } });
    const g = startGesture('select', env, at(5, 5))!;
    g.end();
    expect(s().selection).toBeNull();
  });

  it('dragging inside the selection moves it', () => {
    useStore.setState({ selection: { cloud: 0, indices: Int32Array.from([0, 1]) } });
    const g = startGesture('select', env, at(0.5, 0))!;
    g.move(at(0.5, -1));
    g.end();
    expect(Array.from(sourceCloud(s().scenario).points)).toEqual([0, -1, 1, -1, 2, 0]);
    expect(Array.from(s().selection!.indices)).toEqual([0, 1]);
  });
});
