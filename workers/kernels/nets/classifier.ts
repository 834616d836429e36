/**
 * A ReLU classifier on the plane: 2 inputs, `depth` hidden layers of `width` ReLU units, a linear
 * layer of `classes` logits, softmax. The network is the house MLP (`../mlp.ts`, activation
 * 'relu'), so its parameters have that flat layout: per linear layer l, W_l (fanOut×fanIn,
 * row-major) then b_l (fanOut). Hidden unit i of layer l is row i of W_l, entry i of b_l and column
 * i of W_{l+1}: permuting units permutes exactly those (see `../fusion/permute.ts`).
 *
 * Input frame. The network never sees plane coordinates: it sees the standardised point
 * u = ((x − meanX)/scaleX, (y − meanY)/scaleY), where the frame is fitted to the training data
 * (per-axis mean and population standard deviation, `fitInputFrame`) when training starts and is
 * part of the model from then on. So clouds drawn at any position and size (1e-9 or 1e6) train
 * alike, and two models in different frames can still be compared exactly (`reframeClassifier`).
 */
import { initMlp, mlpLayers, mlpParamCount, type MlpLayer, type MlpSpec } from './mlp.ts';

/** Largest number of classes (scenario labels are integers 0–9). */
export const MAX_CLASSES = 10;

/** Architecture of a classifier. */
export interface ClassifierSpec {
  /** Units per hidden layer, integer in 1..1024 (the app offers 8–256). */
  readonly width: number;
  /** Hidden layers, integer in 1..8 (the app offers 1–4). */
  readonly depth: number;
  /** Number of classes (logits), integer in 2..MAX_CLASSES. */
  readonly classes: number;
}

/** Standardisation of the inputs: u = ((x − meanX)/scaleX, (y − meanY)/scaleY), scales > 0. */
export interface InputFrame {
  readonly meanX: number;
  readonly meanY: number;
  readonly scaleX: number;
  readonly scaleY: number;
}

/**
 * A classifier as plain data (structured-clone friendly: transfer `params.buffer` across the
 * worker boundary). Predicts softmax(net((x − mean)/scale)).
 */
export interface ClassifierModel {
  readonly spec: ClassifierSpec;
  /** Flat parameters, layout of `../mlp.ts`, length `classifierParamCount(spec)`. */
  readonly params: Float64Array;
  readonly frame: InputFrame;
}

/** The identity frame (mean 0, scale 1). */
export const IDENTITY_FRAME: InputFrame = { meanX: 0, meanY: 0, scaleX: 1, scaleY: 1 };

/** The MLP behind a classifier; throws a RangeError naming the field when `spec` is out of range. */
export function classifierMlpSpec(spec: ClassifierSpec): MlpSpec {
  checkInteger('width', spec.width, 1, 1024);
  checkInteger('depth', spec.depth, 1, 8);
  checkInteger('classes', spec.classes, 2, MAX_CLASSES);
  return { inputs: 2, width: spec.width, depth: spec.depth, outputs: spec.classes, activation: 'relu' };
}

/** The `depth + 1` linear layers of a classifier with their offsets in the flat parameters. */
export function classifierLayers(spec: ClassifierSpec): MlpLayer[] {
  return mlpLayers(classifierMlpSpec(spec));
}

/** Number of parameters: 3w + (depth − 1)(w² + w) + (w + 1)·classes. */
export function classifierParamCount(spec: ClassifierSpec): number {
  return mlpParamCount(classifierMlpSpec(spec));
}

/**
 * The frame of a cloud: per-axis mean and population standard deviation. An axis without spread
 * (all points on a horizontal or vertical line) borrows the other axis's scale; a single point
 * (or all points equal) gets scale 1 on both axes: every training input is then exactly 0.
 * @param points interleaved [x0, y0, ...], length 2n, n >= 1, finite
 */
export function fitInputFrame(points: Float64Array): InputFrame {
  const n = checkPoints(points, 'fitInputFrame', 1);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += points[2 * i];
    my += points[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < n; i++) {
    const dx = points[2 * i] - mx;
    const dy = points[2 * i + 1] - my;
    vx += dx * dx;
    vy += dy * dy;
  }
  let sx = Math.sqrt(vx / n);
  let sy = Math.sqrt(vy / n);
  if (!(sx > 0)) sx = sy > 0 ? sy : 1;
  if (!(sy > 0)) sy = sx;
  return { meanX: mx, meanY: my, scaleX: sx, scaleY: sy };
}

/**
 * A fresh classifier with PyTorch's nn.Linear initialisation (weights and biases uniform in
 * ±1/√fanIn, output layer included), drawn from `rand` in parameter order.
 * @param rand uniform [0, 1) generator, e.g. d3-random's randomLcg(seed)
 */
export function initClassifier(spec: ClassifierSpec, frame: InputFrame, rand: () => number): ClassifierModel {
  const mlpSpec = classifierMlpSpec(spec);
  checkFrame(frame);
  const params = new Float64Array(mlpParamCount(mlpSpec));
  initMlp(mlpSpec, params, rand, 1);
  return { spec, params, frame };
}

/**
 * The same function in another frame: the first layer absorbs the change of coordinates,
 * W' = W·diag(s'/s), b' = b + W·((m' − m)/s). Exact up to rounding (a few ulps of the first
 * layer's pre-activations); the other layers are copied.
 */
export function reframeClassifier(model: ClassifierModel, frame: InputFrame): ClassifierModel {
  checkModel(model);
  checkFrame(frame);
  const f = model.frame;
  if (
    f.meanX === frame.meanX &&
    f.meanY === frame.meanY &&
    f.scaleX === frame.scaleX &&
    f.scaleY === frame.scaleY
  ) {
    return { spec: model.spec, params: model.params.slice(), frame };
  }
  const params = model.params.slice();
  const { fanOut, w, b } = classifierLayers(model.spec)[0];
  const rx = frame.scaleX / f.scaleX;
  const ry = frame.scaleY / f.scaleY;
  const ox = (frame.meanX - f.meanX) / f.scaleX;
  const oy = (frame.meanY - f.meanY) / f.scaleY;
  for (let i = 0; i < fanOut; i++) {
    const wx = params[w + 2 * i];
    const wy = params[w + 2 * i + 1];
    params[b + i] += wx * ox + wy * oy;
    params[w + 2 * i] = wx * rx;
    params[w + 2 * i + 1] = wy * ry;
  }
  return { spec: model.spec, params, frame };
}

/** Whether two models have the same architecture. */
export function sameSpec(a: ClassifierSpec, b: ClassifierSpec): boolean {
  return a.width === b.width && a.depth === b.depth && a.classes === b.classes;
}

/**
 * Checks an interleaved point array; returns n.
 * @throws RangeError naming `who` when the length is odd, n < minPoints, or a value is not finite
 */
export function checkPoints(points: Float64Array, who: string, minPoints = 0): number {
  if (!(points instanceof Float64Array)) throw new RangeError(`${who}: points must be a Float64Array`);
  if (points.length % 2 !== 0)
    throw new RangeError(`${who}: points must be interleaved [x0, y0, ...] (odd length ${points.length})`);
  const n = points.length >> 1;
  if (n < minPoints) throw new RangeError(`${who}: needs at least ${minPoints} point(s) (got ${n})`);
  for (let e = 0; e < points.length; e++) {
    if (!Number.isFinite(points[e])) throw new RangeError(`${who}: point coordinates must be finite`);
  }
  return n;
}

/**
 * Checks labels against n points and `classes` (integers in 0..classes−1).
 * @throws RangeError naming `who`
 */
export function checkLabels(labels: ArrayLike<number>, n: number, classes: number, who: string): void {
  if (labels.length !== n)
    throw new RangeError(`${who}: expected one label per point (${n}), got ${labels.length}`);
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= classes) {
      throw new RangeError(`${who}: labels must be integers in 0..${classes - 1} (label ${i} is ${y})`);
    }
  }
}

/** Checks a model's spec, parameter length and finiteness, and frame. */
export function checkModel(model: ClassifierModel, who = 'classifier'): void {
  const count = classifierParamCount(model.spec);
  if (!(model.params instanceof Float64Array) || model.params.length !== count) {
    throw new RangeError(`${who}: params must be a Float64Array of length ${count}`);
  }
  for (let k = 0; k < count; k++) {
    if (!Number.isFinite(model.params[k])) throw new RangeError(`${who}: parameters must be finite`);
  }
  checkFrame(model.frame, who);
}

function checkFrame(frame: InputFrame, who = 'frame'): void {
  const { meanX, meanY, scaleX, scaleY } = frame;
  if (![meanX, meanY, scaleX, scaleY].every(Number.isFinite) || !(scaleX > 0) || !(scaleY > 0)) {
    throw new RangeError(`${who}: the input frame needs finite means and finite scales > 0`);
  }
}

function checkInteger(key: string, v: number, lo: number, hi: number): void {
  if (!Number.isInteger(v) || v < lo || v > hi) {
    throw new RangeError(`classifier ${key} must be an integer in ${lo}..${hi} (got ${v})`);
  }
}

/** Writes points [from, from + rows) of `points`, standardised by `frame`, into `input` (rows×2). */
export function writeStandardised(
  points: Float64Array,
  from: number,
  rows: number,
  frame: InputFrame,
  input: Float64Array | Float32Array,
): void {
  const { meanX, meanY, scaleX, scaleY } = frame;
  for (let r = 0; r < rows; r++) {
    const p = 2 * (from + r);
    input[2 * r] = (points[p] - meanX) / scaleX;
    input[2 * r + 1] = (points[p + 1] - meanY) / scaleY;
  }
}
