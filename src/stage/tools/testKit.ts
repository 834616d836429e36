/**
 * Test helpers for the stage's editing tools: a fixed 800 × 600 view at 100 px per plane unit and
 * a tool environment over the app's store, with a seeded normal generator (no Math.random).
 */
import { randomLcg, randomNormal } from 'd3-random';
import { useStore } from '../../state/store.ts';
import { FALLBACK_THEMES } from '../palette.ts';
import { makeStageView, type StageView } from '../view.ts';
import type { ToolEnv } from './index.ts';

/**
 * A view of an 800 × 600 canvas (dpr 1, light theme) at 100 px per unit whose plane origin is at
 * canvas pixel (ox, oy): px = ox + 100 x, py = oy − 100 y.
 */
export function testView(ox: number, oy: number): StageView {
  return makeStageView(
    { k: 100, ox, oy },
    { k: 1, x: 0, y: 0 },
    { width: 800, height: 600, dpr: 1 },
    FALLBACK_THEMES.light,
  );
}

/** A tool environment over the store and `view`, hit radius 10 px, normals seeded by `seed`. */
export function testToolEnv(view: StageView, seed: number): ToolEnv {
  return {
    getState: useStore.getState,
    view: () => view,
    hitRadiusPx: 10,
    normal: randomNormal.source(randomLcg(seed))(0, 1),
  };
}
