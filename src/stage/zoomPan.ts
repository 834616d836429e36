/**
 * Zoom and pan with d3-zoom on the stage canvas: the wheel (and trackpad pinch) always zooms;
 * dragging pans with the pan tool, with the middle mouse button under any tool, and with two
 * fingers (pinch) under any tool. One-finger touches and left-button drags under the other tools
 * belong to the pointer tools.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomTransform } from 'd3-zoom';

/** Zoom range relative to the fitted view. */
export const SCALE_EXTENT: [number, number] = [0.02, 1000];

/** Whether d3-zoom should handle an input event (its filter), given whether the pan tool is active. */
export function zoomAccepts(event: Event, panTool: boolean): boolean {
  switch (event.type) {
    case 'wheel':
      return true;
    case 'mousedown': {
      const b = (event as MouseEvent).button;
      return b === 1 || (b === 0 && panTool);
    }
    case 'touchstart':
      // d3-zoom reads all current touches on each touchstart, so accepting the second finger
      // starts a proper two-finger pinch even though the first finger was ignored.
      return panTool || (event as TouchEvent).touches.length >= 2;
    default:
      return false;
  }
}

export interface ZoomPan {
  /** The current transform (identity = the fitted view). */
  transform: () => ZoomTransform;
  /** Back to the identity transform. */
  reset: () => void;
  /** Pans by (dx, dy) CSS px. */
  panBy: (dx: number, dy: number) => void;
  /** Zooms by `factor` about the canvas centre. */
  zoomBy: (factor: number) => void;
  destroy: () => void;
}

export function attachZoom(
  canvas: HTMLCanvasElement,
  opts: {
    isPanTool: () => boolean;
    onChange: (t: ZoomTransform) => void;
    /** A drag-pan started (true) or ended (false): for the grabbing cursor. */
    onDragging?: (dragging: boolean) => void;
  },
): ZoomPan {
  const sel = select(canvas);
  const behaviour = zoom<HTMLCanvasElement, unknown>()
    .scaleExtent(SCALE_EXTENT)
    .filter((event: Event) => zoomAccepts(event, opts.isPanTool()))
    .on('zoom', (e: { transform: ZoomTransform }) => opts.onChange(e.transform))
    .on('start', (e: { sourceEvent: Event | null }) => {
      if (e.sourceEvent && e.sourceEvent.type !== 'wheel') opts.onDragging?.(true);
    })
    .on('end', () => opts.onDragging?.(false));
  sel.call(behaviour).on('dblclick.zoom', null); // double-click belongs to the tools
  // The middle button would start the browser's auto-scroll.
  const noAutoScroll = (e: MouseEvent) => {
    if (e.button === 1) e.preventDefault();
  };
  canvas.addEventListener('mousedown', noAutoScroll);
  return {
    transform: () => zoomTransform(canvas),
    reset: () => behaviour.transform(sel, zoomIdentity),
    panBy: (dx, dy) => {
      const k = zoomTransform(canvas).k;
      behaviour.translateBy(sel, dx / k, dy / k);
    },
    zoomBy: (factor) => behaviour.scaleBy(sel, factor),
    destroy: () => {
      sel.on('.zoom', null);
      canvas.removeEventListener('mousedown', noAutoScroll);
    },
  };
}
