/**
 * The one zustand store, built from slices (DESIGN.md section 7). Components select narrowly;
 * canvas layers read it through `useStore.subscribe` outside React renders.
 */
import { create } from 'zustand';
import { exampleScenario } from '../scenario/examples.ts';
import { createPlaybackSlice, type PlaybackSlice } from './playbackSlice.ts';
import { createRunsSlice, type RunsSlice } from './runsSlice.ts';
import { createScenarioSlice, type ScenarioSlice } from './scenarioSlice.ts';
import { createUiSlice, type UiSlice } from './uiSlice.ts';

export type Store = ScenarioSlice & UiSlice & RunsSlice & PlaybackSlice;

export const useStore = create<Store>()((...a) => ({
  ...createScenarioSlice(exampleScenario())(...a),
  ...createUiSlice(...a),
  ...createRunsSlice(...a),
  ...createPlaybackSlice(...a),
}));
