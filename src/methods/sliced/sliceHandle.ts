/**
 * Turning θ on the stage: a press on the direction's handle (drawn by `drawSlice`) starts a drag
 * that turns the line about the clouds' centre; other presses go to the stage's tool as usual.
 * It listens on the stage container in the capture phase (as the Procrustes pair tool does) and
 * stops only presses on the handle, so d3-zoom and the drawing tools keep everything else. The
 * drag is one undoable edit (a gesture). The keyboard way is the panel's θ slider.
 */
import { hitRadiusFor } from '../../stage/hitTest.ts';
import { getStageView } from '../../stage/stageController.ts';
import { useStore } from '../../state/store.ts';
import { HANDLE_RADIUS, handlePixel, sliceCentre } from './slicedLayer.ts';

/**
 * θ in degrees in [0, 180) for a pointer at CSS px (px, py) about the centre at (cx, cy), rounded
 * to half a degree (links stay short). A direction and its opposite are the same slice.
 */
export function angleFromPointer(px: number, py: number, cx: number, cy: number): number {
  const deg = (Math.atan2(-(py - cy), px - cx) * 180) / Math.PI;
  const wrapped = ((deg % 180) + 180) % 180;
  const r = Math.round(wrapped * 2) / 2;
  return r >= 180 ? 0 : r;
}

/** Starts listening for drags of the handle; returns the function that stops it. */
export function attachSliceHandle(): () => void {
  const stage = document.querySelector<HTMLElement>('.stage');
  const canvas = stage?.querySelector('canvas');
  if (!stage || !canvas) return () => {};
  const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  let dragging = -1;
  const local = (e: PointerEvent) => {
    const rect = canvas.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top] as const;
  };
  const turnTo = (e: PointerEvent) => {
    const view = getStageView();
    if (!view) return;
    const [cx, cy] = sliceCentre();
    const [px, py] = local(e);
    const angle = angleFromPointer(px, py, view.sx(cx), view.sy(cy));
    const st = useStore.getState();
    if (st.scenario.params.angle === angle) return;
    st.preview({ ...st.scenario, params: { ...st.scenario.params, angle } });
  };
  const onDown = (e: PointerEvent) => {
    if (!e.isPrimary || e.button !== 0 || dragging !== -1) return;
    const view = getStageView();
    if (!view) return;
    const [px, py] = local(e);
    const [hx, hy] = handlePixel(view);
    const reach = Math.max(HANDLE_RADIUS + 4, hitRadiusFor(e.pointerType, coarse));
    if (Math.hypot(px - hx, py - hy) > reach) return;
    // The handle's press: neither the drawing tool nor d3-zoom sees it (no compatibility mouse events).
    e.stopPropagation();
    e.preventDefault();
    dragging = e.pointerId;
    stage.setPointerCapture(e.pointerId);
    useStore.getState().beginGesture();
  };
  const onMove = (e: PointerEvent) => {
    if (e.pointerId !== dragging) return;
    e.stopPropagation();
    turnTo(e);
  };
  const onUp = (e: PointerEvent) => {
    if (e.pointerId !== dragging) return;
    e.stopPropagation();
    dragging = -1;
    useStore.getState().endGesture();
  };
  // A touch that grabbed the handle must not also pan the stage.
  const onTouch = (e: TouchEvent) => {
    if (dragging !== -1) e.stopPropagation();
  };
  stage.addEventListener('pointerdown', onDown, { capture: true });
  stage.addEventListener('pointermove', onMove, { capture: true });
  stage.addEventListener('pointerup', onUp, { capture: true });
  stage.addEventListener('pointercancel', onUp, { capture: true });
  stage.addEventListener('touchstart', onTouch, { capture: true });
  stage.addEventListener('touchmove', onTouch, { capture: true });
  return () => {
    if (dragging !== -1) useStore.getState().endGesture();
    stage.removeEventListener('pointerdown', onDown, { capture: true });
    stage.removeEventListener('pointermove', onMove, { capture: true });
    stage.removeEventListener('pointerup', onUp, { capture: true });
    stage.removeEventListener('pointercancel', onUp, { capture: true });
    stage.removeEventListener('touchstart', onTouch, { capture: true });
    stage.removeEventListener('touchmove', onTouch, { capture: true });
  };
}
