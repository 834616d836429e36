/**
 * The weights λ of the barycenter, one control for any number of clouds:
 * - two clouds: one slider t ∈ [0, 1], λ = (1 − t, t), between the clouds' names;
 * - three: a point in a triangle whose corners are the clouds (in their colours), dragged with
 *   mouse, pen or touch, or moved with the arrow keys (Shift: larger steps, Home: equal weights);
 * - four or more: one slider per cloud ("Weight of …"), the others keeping their proportions.
 * Three clouds also get the per-cloud sliders, for exact values. A drag is one undoable edit (a
 * gesture, as ParamSlider's); a key press is one edit. λ is stored rounded to 3 decimals.
 */
import { useId, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useStore } from '../../state/store.ts';
import { cloudDot } from '../../lib/cloudDot.ts';
import { lambdaText, nudgeTriangle, setOneLambda, triangleKey } from './lambdaEdit.ts';
import { effectiveLambdas, equalLambdas, roundLambdas, TRIANGLE, triangleWeights } from './lambdas.ts';

/** Commits λ (rounded) as the scenario's parameter. */
function commitLambdas(l: ArrayLike<number>): void {
  useStore.getState().setParam('lambdas', roundLambdas(l));
}

const cloudVar = (k: number) => `var(--cloud-${k % 8})`;

function TwoSlider({ names, l }: { names: string[]; l: Float64Array }) {
  const id = useId();
  const { beginGesture, endGesture } = useStore.getState();
  const t = l[1];
  return (
    <div className="field">
      <label htmlFor={id}>Weight t of {names[1]}</label>
      <span className="value">t = {t.toFixed(2)}</span>
      <div className="lambda-ends">
        <span>
          <span className="dot cloud" style={cloudDot(0)} aria-hidden="true" /> {names[0]}
        </span>
        <input
          id={id}
          type="range"
          min={0}
          max={100}
          step={1}
          value={Math.round(t * 100)}
          aria-valuetext={lambdaText(names, l)}
          onPointerDown={beginGesture}
          onPointerUp={endGesture}
          onBlur={endGesture}
          onChange={(e) => {
            const v = Number(e.target.value) / 100;
            commitLambdas([1 - v, v]);
          }}
        />
        <span>
          <span className="dot cloud" style={cloudDot(1)} aria-hidden="true" /> {names[1]}
        </span>
      </div>
      <span className="help">
        λ = (1 − t, t): t = 0 is {names[0]}, t = 1 is {names[1]}.
      </span>
    </div>
  );
}

/** SVG layout of the triangle: side in user units and the margin for the corner labels. */
const SIDE = 200;
const PAD = 26;
const H = (SIDE * Math.sqrt(3)) / 2;
const toSvg = ([x, y]: readonly [number, number] | [number, number]): [number, number] => [
  PAD + x * SIDE,
  PAD + H - y * SIDE,
];

function Triangle({ names, l }: { names: string[]; l: Float64Array }) {
  const svg = useRef<SVGSVGElement>(null);
  const dragging = useRef(false);
  const { beginGesture, endGesture } = useStore.getState();
  const corners = TRIANGLE.map(toSvg);
  const x = l[0] * TRIANGLE[0][0] + l[1] * TRIANGLE[1][0] + l[2] * TRIANGLE[2][0];
  const y = l[0] * TRIANGLE[0][1] + l[1] * TRIANGLE[1][1] + l[2] * TRIANGLE[2][1];
  const [hx, hy] = toSvg([x, y]);

  const fromPointer = (e: PointerEvent) => {
    const el = svg.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const scale = (SIDE + 2 * PAD) / r.width;
    const sx = (e.clientX - r.left) * scale;
    const sy = (e.clientY - r.top) * scale;
    commitLambdas(triangleWeights((sx - PAD) / SIDE, (PAD + H - sy) / SIDE));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const move = triangleKey(e.key, e.shiftKey);
    if (!move) return;
    e.preventDefault();
    commitLambdas(move === 'equal' ? equalLambdas(3) : nudgeTriangle(l, move[0], move[1]));
  };
  const end = () => {
    if (!dragging.current) return;
    dragging.current = false;
    endGesture();
  };

  return (
    <svg
      ref={svg}
      className="lambda-triangle"
      viewBox={`0 0 ${SIDE + 2 * PAD} ${H + 2 * PAD}`}
      role="group"
      aria-label="Weights λ as a point in the triangle of the clouds"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        dragging.current = true;
        beginGesture();
        fromPointer(e);
        (e.currentTarget.querySelector('[role="slider"]') as SVGElement | null)?.focus();
      }}
      onPointerMove={(e) => dragging.current && fromPointer(e)}
      onPointerUp={end}
      onPointerCancel={end}
      onLostPointerCapture={end}
    >
      <polygon points={corners.map((c) => c.join(',')).join(' ')} className="lambda-triangle-face" />
      {corners.map(([cx, cy], k) => (
        <g key={k}>
          <circle cx={cx} cy={cy} r={6} fill={cloudVar(k)} />
          <text
            x={cx}
            y={k === 2 ? cy - 11 : cy + 19}
            textAnchor={k === 0 ? 'start' : k === 1 ? 'end' : 'middle'}
            className="lambda-corner"
          >
            {names[k]}
          </text>
        </g>
      ))}
      <circle
        cx={hx}
        cy={hy}
        r={9}
        className="lambda-handle"
        tabIndex={0}
        role="slider"
        aria-roledescription="two-dimensional slider"
        aria-label="Weights λ"
        aria-valuemin={0}
        aria-valuemax={1}
        aria-valuenow={Number(l[0].toFixed(2))}
        aria-valuetext={lambdaText(names, l)}
        aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Home"
        onKeyDown={onKeyDown}
      />
    </svg>
  );
}

function CloudSliders({ names, l }: { names: string[]; l: Float64Array }) {
  const base = useId();
  const { beginGesture, endGesture } = useStore.getState();
  return (
    <div className="lambda-sliders">
      {names.map((name, k) => (
        <div className="field" key={k}>
          <label htmlFor={`${base}-${k}`}>
            <span className="dot cloud" style={cloudDot(k % 8)} aria-hidden="true" /> Weight of {name}
          </label>
          <span className="value">{l[k].toFixed(2)}</span>
          <input
            id={`${base}-${k}`}
            type="range"
            min={0}
            max={100}
            step={1}
            value={Math.round(l[k] * 100)}
            aria-valuetext={l[k].toFixed(2)}
            onPointerDown={beginGesture}
            onPointerUp={endGesture}
            onBlur={endGesture}
            onChange={(e) => commitLambdas(setOneLambda(l, k, Number(e.target.value) / 100))}
          />
        </div>
      ))}
    </div>
  );
}

/** The λ control for the open scenario's clouds. */
export function LambdaControl() {
  const clouds = useStore((s) => s.scenario.clouds);
  const params = useStore((s) => s.scenario.params);
  const { lambdas: l, note } = effectiveLambdas({ clouds, params });
  const names = clouds.map((c) => c.name);
  if (names.length < 2) return null;
  return (
    <div className="lambda-control">
      {names.length === 2 && <TwoSlider names={names} l={l} />}
      {names.length === 3 && (
        <>
          <p className="help">Drag the point (or focus it and use the arrow keys) to weigh the clouds.</p>
          <Triangle names={names} l={l} />
        </>
      )}
      {names.length >= 3 && <CloudSliders names={names} l={l} />}
      {note && (
        <p className="status" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
