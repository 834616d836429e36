/**
 * The stage: a canvas filling its container, drawn from the store outside React renders (see
 * `stageController.ts`). The container is focusable: arrows move a keyboard cursor (pan with the
 * pan tool), Enter or Space acts at it with the active tool (Move: pick up and drop), Delete removes the nearest point or
 * the selection, + and - zoom, Escape clears the selection (see `keyboardInput.ts`). Its
 * description is the method's summary sentence and these keys.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useStore } from '../state/store.ts';
import { ClassLegend } from './ClassLegend.tsx';
import { METHOD_SUMMARY_ID } from './describedBy.ts';
import { stageActionLabel, subscribeStageAction } from './stageAction.ts';
import { mountStage } from './stageController.ts';
import './stage.css';

export function Stage() {
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tool = useStore((st) => st.tool);
  const panelAction = useSyncExternalStore(subscribeStageAction, stageActionLabel);
  const enterDoes =
    panelAction ?? (tool === 'move' ? 'pick up / drop' : tool === 'select' ? 'select' : 'add');
  useEffect(() => mountStage(containerRef.current!, canvasRef.current!), []);
  return (
    <div
      ref={containerRef}
      className="stage"
      tabIndex={0}
      role="group"
      aria-label="Drawing stage"
      aria-describedby={`${METHOD_SUMMARY_ID} stage-help`}
    >
      <canvas
        ref={canvasRef}
        className="stage-canvas"
        role="img"
        aria-label="Stage"
        aria-describedby={METHOD_SUMMARY_ID}
      />
      <ClassLegend />
      <p id="stage-help" className="stage-sr">
        Draw with the active tool. Arrow keys move the keyboard cursor, Shift with an arrow moves five steps
        (with the Pan tool, arrows pan). Enter or Space acts at the cursor: Add point adds one point, Brush
        sprays a few, Eraser clears its circle, Select adds or removes the nearest point from the selection,
        Move picks up the nearest point (arrows then carry it, Enter drops it, Escape puts it back); with the
        Procrustes pair tool on, Enter picks and pairs points. Delete removes the nearest point of the active
        cloud, or the selected points. X switches between source and target, plus and minus zoom, Escape
        clears the selection, Control+Z undoes.
      </p>
      <p className="stage-sr" aria-live="polite" data-stage-announce="" />
      <p className="stage-keyhint" aria-hidden="true">
        <kbd>←↑→↓</kbd> move · <kbd>⇧</kbd> ×5 · <kbd>Enter</kbd> {enterDoes} · <kbd>Del</kbd> remove nearest
        · <kbd>X</kbd> source/target
      </p>
    </div>
  );
}
