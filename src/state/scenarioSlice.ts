/**
 * The scenario slice: the open scenario and its undo history.
 *
 * Edits come in two shapes. A discrete edit (`commit`) records the previous scenario for undo. A
 * continuous gesture (a brush stroke, a drag) calls `beginGesture`, then `preview` on every
 * pointer move (no history entry, so a stroke is one undo step), then `endGesture`.
 */
import type { StateCreator } from 'zustand';
import { resolveParams } from '../scenario/params.ts';
import {
  MAX_CLOUDS,
  uniqueCloudName,
  withCloud,
  type Cloud,
  type MethodId,
  type ParamValue,
  type Scenario,
} from '../scenario/types.ts';
import { emptyHistory, record, redo, undo, type History } from './history.ts';
import type { Store } from './store.ts';

export interface ScenarioSlice {
  scenario: Scenario;
  history: History<Scenario>;
  /** The scenario when the current gesture began, or null outside a gesture. */
  gestureStart: Scenario | null;
  /** Replaces the scenario as one undoable edit. */
  commit: (next: Scenario) => void;
  /** Replaces the cloud at `index` as one undoable edit. */
  setCloud: (index: number, cloud: Cloud) => void;
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

export { withCloud };

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
    setCloud: (index, cloud) => get().commit(withCloud(get().scenario, index, cloud)),
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

/** Whether another cloud can be added (a scenario holds at most MAX_CLOUDS). */
export const canAddCloud = (s: Scenario): boolean => s.clouds.length < MAX_CLOUDS;

/** The scenario with an empty cloud appended, named by default (Cloud 3, ...). */
export function addCloud(s: Scenario): Scenario {
  if (!canAddCloud(s)) return s;
  const name = uniqueCloudName(s.clouds, s.clouds.length);
  return { ...s, clouds: [...s.clouds, { name, points: new Float64Array(0), weights: null, labels: null }] };
}

/** The scenario without the cloud at `index` (the last cloud is never removed). */
export function removeCloud(s: Scenario, index: number): Scenario {
  if (s.clouds.length <= 1 || index < 0 || index >= s.clouds.length) return s;
  return { ...s, clouds: s.clouds.filter((_, k) => k !== index) };
}

/** The scenario with the cloud at `from` moved to position `to` (the others keep their order). */
export function moveCloud(s: Scenario, from: number, to: number): Scenario {
  const n = s.clouds.length;
  if (from === to || from < 0 || to < 0 || from >= n || to >= n) return s;
  const clouds = s.clouds.slice();
  const [c] = clouds.splice(from, 1);
  clouds.splice(to, 0, c);
  return { ...s, clouds };
}

/**
 * Renames the cloud at `index`, or says why not: names are 1–40 characters after trimming and
 * unique within the scenario.
 */
export function renameCloud(
  s: Scenario,
  index: number,
  name: string,
): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  const t = name.trim();
  if (!t) return { ok: false, error: 'A cloud needs a name.' };
  if (t.length > 40) return { ok: false, error: 'A cloud name has at most 40 characters.' };
  if (s.clouds.some((c, k) => k !== index && c.name === t))
    return { ok: false, error: `Another cloud is already named “${t}”.` };
  const c = s.clouds[index];
  if (!c || c.name === t) return { ok: true, scenario: s };
  return { ok: true, scenario: withCloud(s, index, { ...c, name: t }) };
}

/**
 * Swaps the source and the target (the first two clouds). Clouds with their own names move with
 * their names; clouds still named by position (Source, Target) swap their points, weights and
 * labels and keep the positional names, so "Source" always names the source.
 */
export function swapSourceTarget(s: Scenario): Scenario {
  if (s.clouds.length < 2) return s;
  const [a, b] = s.clouds;
  const positional = a.name === 'Source' && b.name === 'Target';
  const clouds = s.clouds.slice();
  clouds[0] = positional ? { ...b, name: a.name } : b;
  clouds[1] = positional ? { ...a, name: b.name } : a;
  return { ...s, clouds };
}
