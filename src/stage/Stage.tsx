/**
 * The stage: a canvas filling its container, drawn from the store outside React renders (see
 * `stageController.ts`). The container is focusable: arrows pan, + and - zoom, Delete removes the
 * selection, Escape clears it.
 */
import { useEffect, useRef } from 'react';
import { mountStage } from './stageController.ts';
import './stage.css';

export function Stage() {
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => mountStage(containerRef.current!, canvasRef.current!), []);
  return (
    <div
      ref={containerRef}
      className="stage"
      tabIndex={0}
      role="group"
      aria-label="Drawing stage"
      aria-describedby="stage-help"
    >
      <canvas ref={canvasRef} className="stage-canvas" role="img" aria-label="Stage" />
      <p id="stage-help" className="stage-sr">
        Draw with the active tool. Arrow keys pan, plus and minus zoom, Delete removes the selected points,
        Escape clears the selection.
      </p>
    </div>
  );
}
