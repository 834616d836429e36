/**
 * The pair tool: while it is on, a click (or tap) on the stage picks the nearest point within the
 * hit radius and pairs it with a point of the other cloud (see `pickPoint`). It listens on the
 * stage container in the capture phase and stops the press there, so the stage's own pointer tool
 * never sees it; d3-zoom still gets the wheel, the middle button and two-finger pinches. It is also
 * the stage's keyboard action while on: Enter or Space at the keyboard cursor picks the same way.
 */
import { counted, formatPoint } from '../../lib/text.ts';
import { hitRadiusFor, nearestInClouds } from '../../stage/hitTest.ts';
import { registerStageAction } from '../../stage/stageAction.ts';
import { getStageView } from '../../stage/stageController.ts';
import type { StageView } from '../../stage/view.ts';
import { useStore } from '../../state/store.ts';
import { pairTool, pairsOf, pickPoint, withPairs, type PairSide } from './pairs.ts';

/**
 * Picks the point nearest to plane position (x, y) within `radiusPx` CSS px and updates the
 * pairs as a click there would. Returns what happened, as a sentence to announce.
 */
export function pairAt(x: number, y: number, view: StageView, radiusPx: number): string {
  const { pending } = pairTool.get();
  const store = useStore.getState();
  const s = store.scenario;
  const pairs = pairsOf(s);
  // Prefer the other cloud than the picked point: that is the pick that completes a pair.
  const prefer: PairSide = pending?.side === 0 ? 1 : 0;
  const hit = nearestInClouds(s.clouds.slice(0, 2), x, y, radiusPx / view.k, prefer);
  const next = pickPoint({ pairs, pending }, hit && { side: hit.side as PairSide, index: hit.index });
  pairTool.set({ pending: next.pending });
  // A new pair is an edit of the scenario, undone like any other.
  if (next.pairs !== pairs) store.commit(withPairs(s, next.pairs));
  if (!hit) return `No point near ${formatPoint(x, y)}: nothing picked`;
  const q = s.clouds[hit.side].points;
  const role = (side: number) => (side === 0 ? 'source' : 'target');
  const what = `${role(hit.side)} point #${hit.index} at ${formatPoint(q[2 * hit.index], q[2 * hit.index + 1])}`;
  if (next.pending) return `Picked ${what}; now pick a ${role(1 - hit.side)} point`;
  if (next.pairs !== pairs) return `Paired with ${what}; ${counted(next.pairs.i.length, 'pair')}`;
  return `Dropped the pick of ${what}`;
}

/** Starts capturing stage presses for pairing; returns the function that stops it. */
export function attachPairTool(): () => void {
  const stage = document.querySelector<HTMLElement>('.stage');
  const canvas = stage?.querySelector('canvas');
  if (!stage || !canvas) return () => {};
  const offKeys = registerStageAction('procrustes.pair', pairAt, 'pick / pair');
  const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  const onDown = (e: PointerEvent) => {
    // A second finger belongs to the pinch; other buttons to zoom and pan.
    if (!e.isPrimary || e.button !== 0) return;
    const view = getStageView();
    if (!view) return;
    e.stopPropagation();
    const rect = canvas.getBoundingClientRect();
    pairAt(
      view.invertX(e.clientX - rect.left),
      view.invertY(e.clientY - rect.top),
      view,
      hitRadiusFor(e.pointerType, coarse),
    );
  };
  stage.addEventListener('pointerdown', onDown, { capture: true });
  return () => {
    offKeys();
    stage.removeEventListener('pointerdown', onDown, { capture: true });
  };
}
