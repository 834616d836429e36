/**
 * The pair tool: while it is on, a click (or tap) on the stage picks the nearest point within the
 * hit radius and pairs it with a point of the other cloud (see `pickPoint`). It listens on the
 * stage container in the capture phase and stops the press there, so the stage's own pointer tool
 * never sees it; d3-zoom still gets the wheel, the middle button and two-finger pinches.
 */
import { getStageView } from '../../stage/stageController.ts';
import { hitRadiusFor, nearestInClouds } from '../../stage/hitTest.ts';
import { useStore } from '../../state/store.ts';
import { getPairState, pickPoint, updatePairState } from './pairs.ts';

/** Starts capturing stage presses for pairing; returns the function that stops it. */
export function attachPairTool(): () => void {
  const stage = document.querySelector<HTMLElement>('.stage');
  const canvas = stage?.querySelector('canvas');
  if (!stage || !canvas) return () => {};
  const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  const onDown = (e: PointerEvent) => {
    // A second finger belongs to the pinch; other buttons to zoom and pan.
    if (!e.isPrimary || e.button !== 0) return;
    const view = getStageView();
    if (!view) return;
    e.stopPropagation();
    const rect = canvas.getBoundingClientRect();
    const x = view.invertX(e.clientX - rect.left);
    const y = view.invertY(e.clientY - rect.top);
    const st = getPairState();
    // Prefer the other side than the picked point: that is the click that completes a pair.
    const prefer = st.pending?.side === 'source' ? 'target' : 'source';
    const radius = hitRadiusFor(e.pointerType, coarse) / view.k;
    const hit = nearestInClouds(useStore.getState().scenario, x, y, radius, prefer);
    updatePairState(pickPoint(st, hit && { side: hit.side, index: hit.index }));
  };
  stage.addEventListener('pointerdown', onDown, { capture: true });
  return () => stage.removeEventListener('pointerdown', onDown, { capture: true });
}
