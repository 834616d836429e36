/**
 * The stage's imperative core, mounted once by `<Stage />`: canvas sizing (ResizeObserver,
 * devicePixelRatio), the view (fit + d3-zoom), the theme, the pointer tools, stage keyboard
 * handling, and a requestAnimationFrame loop that draws at most once per frame when something
 * changed (store, results cache, overlay redraw requests, pointer, zoom) — React never re-renders
 * for a frame.
 */
import { cloudAt } from '../scenario/types.ts';
import { removeIndices } from '../scenario/cloudEdit.ts';
import { subscribeResults } from '../state/results.ts';
import { withCloud } from '../state/scenarioSlice.ts';
import { useStore } from '../state/store.ts';
import { validIndices } from './hitTest.ts';
import { attachKeyboardCursor } from './keyboardInput.ts';
import { isEditableTarget } from './keys.ts';
import { onRedrawRequest } from './overlays.ts';
import { readTheme, type StageTheme } from './palette.ts';
import { attachPointerTools } from './pointerInput.ts';
import { createFrameRenderer, stageLabel } from './renderer.ts';
import { drawToolHover } from './tools/index.ts';
import {
  cloudsBounds,
  fitBounds,
  makeStageView,
  shouldRefit,
  visibleBounds,
  type Bounds,
  type StageView,
} from './view.ts';
import { attachZoom } from './zoomPan.ts';

/** Arrow keys pan by this many CSS px (Shift: four times as far). */
const KEY_PAN_PX = 40;

let current: (() => StageView | null) | null = null;

/**
 * The view of the mounted stage (plane ↔ canvas mappings), or null when no stage is mounted or it
 * has no size yet. For tests and tools outside the canvas that need to place things on the plane.
 */
export function getStageView(): StageView | null {
  return current ? current() : null;
}

/** Mounts the stage on `container` (focusable, sized by layout) and its `canvas`; returns the unmount function. */
export function mountStage(container: HTMLElement, canvas: HTMLCanvasElement): () => void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return () => {};
  const size = { width: 0, height: 0, dpr: 1 };
  let bounds: Bounds = cloudsBounds(useStore.getState().scenario.clouds);
  let theme: StageTheme = readTheme(container);
  let view: StageView | null = null;
  let frame = 0;
  let label = '';
  const renderer = createFrameRenderer();

  const getView = (): StageView | null => {
    if (size.width <= 0 || size.height <= 0) return null;
    if (!view)
      view = makeStageView(fitBounds(bounds, size.width, size.height), zoomPan.transform(), size, theme);
    return view;
  };
  const invalidate = () => {
    view = null;
    markDirty();
  };

  const draw = () => {
    frame = 0;
    const v = getView();
    const s = useStore.getState();
    const next = stageLabel(s);
    if (next !== label) canvas.setAttribute('aria-label', (label = next));
    if (!v) return;
    const g = tools.gesture();
    const hover = tools.hover();
    renderer.draw(ctx, v, s, (c, vv) => {
      if (hover && !(g && s.tool === 'select'))
        drawToolHover(c, vv, s, tools.env(hover.pointerType), hover.px, hover.py);
      g?.draw?.(c, vv);
    });
  };
  function markDirty() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  const zoomPan = attachZoom(canvas, {
    isPanTool: () => useStore.getState().tool === 'pan',
    onChange: invalidate,
    onDragging: (on) => {
      if (useStore.getState().tool === 'pan') canvas.style.cursor = on ? 'grabbing' : 'grab';
    },
  });
  const tools = attachPointerTools(canvas, {
    getView,
    onChange: markDirty,
    focus: () => container.focus({ preventScroll: true }),
  });
  const detachKeyboard = attachKeyboardCursor(container, {
    getView,
    panBy: zoomPan.panBy,
    busy: () => !!tools.gesture(),
  });

  /** Fits the view to the clouds (or [-3, 3]² when all are empty) and resets the zoom. */
  const fitToClouds = () => {
    bounds = cloudsBounds(useStore.getState().scenario.clouds);
    zoomPan.reset();
    invalidate();
  };

  const measure = () => {
    // The canvas fills the container's padding box (inside its border): clientWidth/Height.
    const dpr = window.devicePixelRatio || 1;
    const w = container.clientWidth;
    const h = container.clientHeight;
    if (w === size.width && h === size.height && dpr === size.dpr) return;
    Object.assign(size, { width: w, height: h, dpr });
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    view = null;
    // Resizing clears the canvas: redraw now rather than next frame, so it never flashes blank.
    if (frame) cancelAnimationFrame(frame);
    draw();
  };
  const ro = new ResizeObserver(measure);
  ro.observe(container);
  window.addEventListener('resize', measure);

  // Theme: re-read the CSS variables when the colour scheme or the root's theme attributes change.
  const refreshTheme = () => {
    theme = readTheme(container);
    invalidate();
  };
  const mq = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  mq?.addEventListener('change', refreshTheme);
  const mo = new MutationObserver(refreshTheme);
  mo.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['class', 'style', 'data-theme'],
  });

  const unsubStore = useStore.subscribe((s, prev) => {
    if (s.viewResetCount !== prev.viewResetCount) fitToClouds();
    else if (
      s.scenario.clouds !== prev.scenario.clouds &&
      s.scenario.clouds.every((c) => !prev.scenario.clouds.includes(c))
    ) {
      // A whole new scenario (file, link, gallery) replaces every cloud at once: fit it if it is out of view.
      const v = getView();
      if (v && shouldRefit(visibleBounds(v), s.scenario.clouds)) fitToClouds();
    }
    markDirty();
  });
  const unsubResults = subscribeResults(markDirty);
  const unsubRedraw = onRedrawRequest(markDirty);

  const onKey = (e: KeyboardEvent) => {
    if (isEditableTarget(e.target) || e.ctrlKey || e.metaKey) return;
    const s = useStore.getState();
    if (e.key === 'Escape') {
      if (tools.cancel() || s.selection) {
        s.setSelection(null);
        e.preventDefault();
      }
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && s.selection && !s.gestureStart) {
      const { cloud: side, indices } = s.selection;
      const cloud = cloudAt(s.scenario, side);
      s.commit(
        withCloud(s.scenario, side, removeIndices(cloud, validIndices(indices, cloud.points.length >> 1))),
      );
      s.setSelection(null);
      e.preventDefault();
    } else if (e.target === container) {
      // Keyboard navigation of the focused stage: + and - zoom; arrows pan with the pan tool (with
      // the other tools keyboardInput.ts moves its cursor and keeps the arrows from reaching here).
      const step = e.shiftKey ? 4 * KEY_PAN_PX : KEY_PAN_PX;
      const pans: Record<string, [number, number]> = {
        ArrowLeft: [step, 0],
        ArrowRight: [-step, 0],
        ArrowUp: [0, step],
        ArrowDown: [0, -step],
      };
      if (pans[e.key]) zoomPan.panBy(...pans[e.key]);
      else if (e.key === '+' || e.key === '=') zoomPan.zoomBy(1.25);
      else if (e.key === '-' || e.key === '_') zoomPan.zoomBy(0.8);
      else return;
      e.preventDefault();
    }
  };
  window.addEventListener('keydown', onKey);

  measure();
  current = getView;

  return () => {
    if (current === getView) current = null;
    if (frame) cancelAnimationFrame(frame);
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('resize', measure);
    ro.disconnect();
    mo.disconnect();
    mq?.removeEventListener('change', refreshTheme);
    unsubStore();
    unsubResults();
    unsubRedraw();
    detachKeyboard();
    tools.destroy();
    zoomPan.destroy();
  };
}
