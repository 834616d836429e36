/**
 * The one zustand store, built from slices (DESIGN.md section 7). Components select narrowly;
 * canvas layers read it through `useStore.subscribe` outside React renders.
 */
import { create } from 'zustand';
import { exampleScenario } from '../scenario/examples.ts';
import { createMethodStateSlice, type MethodStateSlice } from './methodStateSlice.ts';
import { createPlaybackSlice, type PlaybackSlice } from './playbackSlice.ts';
import { createRunsSlice, type RunsSlice } from './runsSlice.ts';
import { createScenarioSlice, type ScenarioSlice } from './scenarioSlice.ts';
import { createUiSlice, type UiSlice } from './uiSlice.ts';

export type Store = ScenarioSlice & UiSlice & RunsSlice & PlaybackSlice & MethodStateSlice;

export const useStore = create<Store>()((...a) => ({
  ...createScenarioSlice(exampleScenario())(...a),
  ...createUiSlice(...a),
  ...createRunsSlice(...a),
  ...createPlaybackSlice(...a),
  ...createMethodStateSlice(...a),
}));

// The active cloud and the selection always refer to a cloud that exists: a scenario with fewer
// clouds (opened, undone, a cloud removed) moves them back inside.
useStore.subscribe((s) => {
  const n = s.scenario.clouds.length;
  if (s.activeCloud >= n) useStore.setState({ activeCloud: Math.max(0, n - 1), selection: null });
  else if (s.selection && s.selection.cloud >= n) useStore.setState({ selection: null });
});
