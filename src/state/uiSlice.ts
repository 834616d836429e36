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
  notify: (kind: Notice['kind'], text: string) => void;
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
  notify: (kind, text) => {
    const notice = { id: nextNoticeId++, kind, text };
    // Keep the newest few; the same text twice in a row is shown once.
    const rest = get()
      .notices.filter((n) => n.text !== text)
      .slice(-3);
    set({ notices: [...rest, notice] });
  },
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
});
