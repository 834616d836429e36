/** The ui slice: the active tool and cloud, brush settings, selection, view toggles and messages. */
import type { StateCreator } from 'zustand';
import type { Store } from './store.ts';

/** Pointer tools of the stage. */
export type ToolId = 'brush' | 'point' | 'move' | 'erase' | 'select' | 'pan';

/** A set of selected point indices in one cloud. */
export interface Selection {
  /** Index of the cloud in the scenario. */
  cloud: number;
  /** Sorted, distinct indices into the cloud. */
  indices: Int32Array;
}

/** A message for the user: errors from bad input or a crashed worker, confirmations. */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** When it was shown (ms since the epoch): it stays a fixed time from then (see `Notices`). */
  shownAt: number;
  /**
   * What it is about, when a newer notice makes it stale: a notice with a topic replaces any
   * earlier one of the same topic ("Opened X" after "Opened Y": only X is open now).
   */
  topic?: NoticeTopic;
}

/** Topics of notices that replace each other. */
export type NoticeTopic = 'opened';

const INFO_TIMEOUT_MS = 5000;
const ERROR_TIMEOUT_MS = 12000;

/**
 * How long until `n` is dismissed, ms: a fixed time after it was shown (errors stay longer),
 * whatever came since — timing from the last change of the list kept every notice up while
 * others kept coming (opening gallery entries one after another).
 */
export function noticeDelay(n: Notice, now: number): number {
  return Math.max(0, n.shownAt + (n.kind === 'error' ? ERROR_TIMEOUT_MS : INFO_TIMEOUT_MS) - now);
}

export interface UiSlice {
  tool: ToolId;
  /** Index of the cloud the tools edit (kept within the scenario's clouds by the store). */
  activeCloud: number;
  /** Brush radius in plane units (standard deviation of the sprayed points). */
  brushSpread: number;
  /** Points the brush adds per second while held. */
  brushRate: number;
  /** Class (0–9) given to points the brush and the point tool add; null: unlabelled (class 0 in a labelled cloud). */
  drawClass: number | null;
  selection: Selection | null;
  showGrid: boolean;
  /** Draw plan lines x_i → y_j on the stage. */
  showPlan: boolean;
  /** Draw the displacement-interpolation particles at the playback time. */
  showParticles: boolean;
  /** Bumped to ask the stage to reset its zoom. */
  viewResetCount: number;
  notices: Notice[];
  setTool: (tool: ToolId) => void;
  setActiveCloud: (index: number) => void;
  setBrush: (spread: number, rate: number) => void;
  setDrawClass: (label: number | null) => void;
  setSelection: (sel: Selection | null) => void;
  toggleGrid: () => void;
  setShowPlan: (on: boolean) => void;
  setShowParticles: (on: boolean) => void;
  resetView: () => void;
  notify: (kind: Notice['kind'], text: string, topic?: NoticeTopic) => void;
  dismiss: (id: number) => void;
}

let nextNoticeId = 1;

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set, get) => ({
  tool: 'brush',
  activeCloud: 1,
  brushSpread: 0.15,
  brushRate: 60,
  drawClass: null,
  selection: null,
  showGrid: true,
  showPlan: true,
  showParticles: true,
  viewResetCount: 0,
  notices: [],
  setTool: (tool) => set({ tool }),
  setActiveCloud: (activeCloud) => set({ activeCloud, selection: null }),
  setBrush: (brushSpread, brushRate) => set({ brushSpread, brushRate }),
  setDrawClass: (drawClass) => set({ drawClass }),
  setSelection: (selection) => set({ selection }),
  toggleGrid: () => set({ showGrid: !get().showGrid }),
  setShowPlan: (showPlan) => set({ showPlan }),
  setShowParticles: (showParticles) => set({ showParticles }),
  resetView: () => set({ viewResetCount: get().viewResetCount + 1 }),
  notify: (kind, text, topic) => {
    const notice: Notice = { id: nextNoticeId++, kind, text, shownAt: Date.now(), topic };
    // Keep the newest few; the same text twice is shown once, and a topic once.
    const rest = get()
      .notices.filter((n) => n.text !== text && (topic === undefined || n.topic !== topic))
      .slice(-3);
    set({ notices: [...rest, notice] });
  },
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
});
