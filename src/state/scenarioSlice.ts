/**
 * The scenario slice: the open scenario and its undo history.
 *
 * Edits come in two shapes. A discrete edit (`commit`) records the previous scenario for undo. A
 * continuous gesture (a brush stroke, a drag) calls `beginGesture`, then `preview` on every
 * pointer move (no history entry, so a stroke is one undo step), then `endGesture`.
 */
import type { StateCreator } from 'zustand';
import { resolveParams } from '../scenario/params.ts';
import type { Cloud, MethodId, ParamValue, Scenario, Side } from '../scenario/types.ts';
import { emptyHistory, record, redo, undo, type History } from './history.ts';
import type { Store } from './store.ts';

export interface ScenarioSlice {
  scenario: Scenario;
  history: History<Scenario>;
  /** The scenario when the current gesture began, or null outside a gesture. */
  gestureStart: Scenario | null;
  /** Replaces the scenario as one undoable edit. */
  commit: (next: Scenario) => void;
  /** Replaces one cloud as one undoable edit. */
  setCloud: (side: Side, cloud: Cloud) => void;
  setMethod: (method: MethodId) => void;
  /** Sets one parameter of the current method; the value must already satisfy the param table. */
  setParam: (key: string, value: ParamValue) => void;
  beginGesture: () => void;
  /** Shows an in-progress edit without recording it. */
  preview: (next: Scenario) => void;
  endGesture: () => void;
  undo: () => void;
  redo: () => void;
  /** Opens another scenario (a file, a link, the gallery): undoable like any edit. */
  openScenario: (s: Scenario) => void;
}

export const withCloud = (s: Scenario, side: Side, cloud: Cloud): Scenario =>
  side === 'source' ? { ...s, source: cloud } : { ...s, target: cloud };

/** The parameters each method had when the user last switched away from it (this session). */
const paramMemory = new Map<MethodId, Readonly<Record<string, ParamValue>>>();

export const createScenarioSlice =
  (initial: Scenario): StateCreator<Store, [], [], ScenarioSlice> =>
  (set, get) => ({
    scenario: initial,
    history: emptyHistory<Scenario>(),
    gestureStart: null,
    commit: (next) => {
      const { scenario, history, gestureStart } = get();
      if (gestureStart) return set({ scenario: next });
      set({ scenario: next, history: record(history, scenario, next) });
    },
    setCloud: (side, cloud) => get().commit(withCloud(get().scenario, side, cloud)),
    setMethod: (method) => {
      const s = get().scenario;
      if (s.method === method) return;
      // Each method comes back with the parameters it had when the user left it (defaults the
      // first time). Keys are not carried across methods: Sinkhorn's epsilon is absolute while
      // Brenier's is relative to the clouds' spread, so sharing the value would be wrong.
      paramMemory.set(s.method, s.params);
      const remembered = paramMemory.get(method);
      const params = remembered ? resolveParams(method, remembered) : null;
      get().commit({ ...s, method, params: params?.ok ? params.params : resolveDefaults(method) });
    },
    setParam: (key, value) => {
      const s = get().scenario;
      if (s.params[key] === value) return;
      get().commit({ ...s, params: { ...s.params, [key]: value } });
    },
    beginGesture: () => set({ gestureStart: get().scenario }),
    preview: (next) => set({ scenario: next }),
    endGesture: () => {
      const { gestureStart, scenario, history } = get();
      if (!gestureStart) return;
      set({ gestureStart: null, history: record(history, gestureStart, scenario) });
    },
    undo: () => {
      const { history, scenario, gestureStart } = get();
      if (gestureStart) return;
      const r = undo(history, scenario);
      if (r) set({ scenario: r.present, history: r.history });
    },
    redo: () => {
      const { history, scenario, gestureStart } = get();
      if (gestureStart) return;
      const r = redo(history, scenario);
      if (r) set({ scenario: r.present, history: r.history });
    },
    openScenario: (s) => get().commit(s),
  });

function resolveDefaults(method: MethodId): Record<string, ParamValue> {
  const r = resolveParams(method, {});
  return r.ok ? r.params : {};
}
