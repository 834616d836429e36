/** The playback slice: the shared time t in [0, 1] that interpolations and flows animate along. */
import type { StateCreator } from 'zustand';
import type { Store } from './store.ts';

export interface PlaybackSlice {
  /** Animation time in [0, 1]. */
  t: number;
  playing: boolean;
  /** Speed multiplier; 1 plays t from 0 to 1 in `BASE_DURATION_MS`. */
  speed: number;
  loop: boolean;
  setT: (t: number) => void;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: number) => void;
  setLoop: (loop: boolean) => void;
}

/** Duration of one pass at speed 1, ms. */
export const BASE_DURATION_MS = 3000;

const reducedMotion = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

export const createPlaybackSlice: StateCreator<Store, [], [], PlaybackSlice> = (set) => ({
  t: 0,
  playing: !reducedMotion(),
  speed: 1,
  loop: true,
  setT: (t) => set({ t: Math.min(1, Math.max(0, t)) }),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
  setLoop: (loop) => set({ loop }),
});
