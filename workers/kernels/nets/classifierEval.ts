/**
 * Running a classifier on many points: logits, probabilities, labels, loss and accuracy, hidden
 * activations, and the exact loss gradient. Points go through the network in chunks of rows, in
 * one reusable MLP workspace, so a 100×100 decision-region grid allocates only its result.
 *
 * Loss. The mean softmax cross-entropy in nats, L = (1/n) Σ_r [log Σ_c exp(z_rc) − z_r,y_r],
 * with z the logits (PyTorch's `F.cross_entropy`); the log-sum-exp is shifted by the row's largest
 * logit, so it is finite for any finite logits.
 */
import { Mlp } from './mlp.ts';
import {
  checkLabels,
  checkModel,
  checkPoints,
  classifierMlpSpec,
  sameSpec,
  writeStandardised,
  type ClassifierModel,
  type ClassifierSpec,
} from './classifier.ts';

/** Rows per forward pass: amortises the calls, keeps each activation buffer in cache (512×64 doubles = 256 KB). */
const CHUNK_ROWS = 512;

/** Mean loss (nats) and accuracy (fraction in [0, 1]) of a classifier on labelled points. */
export interface ClassifierScore {
  loss: number;
  accuracy: number;
}

/**
 * Σ_r [log Σ_c exp(z_rc) − z_r,y_r] over `rows` rows of `logits` (rows×C, row-major); the label of
 * row r is labels[labelOffset + r]. When `dLogits` is given, writes gradScale·(softmax(z_r) −
 * onehot(y_r)) into it (rows×C), the gradient of gradScale × the sum.
 */
export function softmaxCrossEntropy(
  logits: Float64Array | Float32Array,
  rows: number,
  C: number,
  labels: ArrayLike<number>,
  labelOffset: number,
  dLogits: Float64Array | Float32Array | null,
  gradScale: number,
): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * C;
    let max = logits[o];
    for (let c = 1; c < C; c++) if (logits[o + c] > max) max = logits[o + c];
    let sum = 0;
    for (let c = 0; c < C; c++) sum += Math.exp(logits[o + c] - max);
    const y = labels[labelOffset + r];
    total += Math.log(sum) + max - logits[o + y];
    if (dLogits !== null) {
      const inv = gradScale / sum;
      for (let c = 0; c < C; c++) dLogits[o + c] = Math.exp(logits[o + c] - max) * inv;
      dLogits[o + y] -= gradScale;
    }
  }
  return total;
}

/** Index of the largest of C logits from `o` (the lowest index on ties), the predicted class. */
function argmax(logits: Float64Array | Float32Array, o: number, C: number): number {
  let best = 0;
  let max = logits[o];
  for (let c = 1; c < C; c++) {
    if (logits[o + c] > max) {
      max = logits[o + c];
      best = c;
    }
  }
  return best;
}

/**
 * A reusable evaluation workspace for one architecture: every method takes the model to run (any
 * parameters of that spec and any frame), so one evaluator serves a whole family of interpolated
 * models. Throws RangeError on malformed points, labels or models.
 */
export class ClassifierEvaluator {
  readonly spec: ClassifierSpec;
  private readonly mlp: Mlp;

  constructor(spec: ClassifierSpec) {
    this.spec = spec;
    this.mlp = new Mlp(classifierMlpSpec(spec), CHUNK_ROWS, 'f64');
  }

  /**
   * Runs `model` on `points` chunk by chunk; `visit(from, rows)` reads the chunk's logits (rows×C)
   * from `this.mlp.output` and its hidden outputs from `this.mlp.hiddenOutput(h)`.
   */
  private run(
    model: ClassifierModel,
    points: Float64Array,
    who: string,
    visit: (from: number, rows: number) => void,
  ) {
    if (!sameSpec(model.spec, this.spec))
      throw new RangeError(`${who}: the model's spec differs from the evaluator's`);
    checkModel(model, who);
    const n = checkPoints(points, who);
    const mlp = this.mlp;
    for (let from = 0; from < n; from += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, n - from);
      writeStandardised(points, from, rows, model.frame, mlp.input);
      mlp.forward(model.params, rows);
      visit(from, rows);
    }
    return n;
  }

  /** Logits, n×classes row-major. */
  logits(model: ClassifierModel, points: Float64Array): Float64Array {
    const C = this.spec.classes;
    const out = new Float64Array((points.length >> 1) * C);
    this.run(model, points, 'logits', (from, rows) =>
      out.set(this.mlp.output.subarray(0, rows * C), from * C),
    );
    return out;
  }

  /** Class probabilities softmax(logits), n×classes row-major; each row sums to 1 within 1e-15. */
  probabilities(model: ClassifierModel, points: Float64Array): Float64Array {
    const C = this.spec.classes;
    const out = this.logits(model, points);
    for (let o = 0; o < out.length; o += C) {
      let max = out[o];
      for (let c = 1; c < C; c++) if (out[o + c] > max) max = out[o + c];
      let sum = 0;
      for (let c = 0; c < C; c++) sum += out[o + c] = Math.exp(out[o + c] - max);
      for (let c = 0; c < C; c++) out[o + c] /= sum;
    }
    return out;
  }

  /** Predicted class (argmax of the logits, lowest class on ties) of each point, length n. */
  labels(model: ClassifierModel, points: Float64Array): Int32Array {
    const C = this.spec.classes;
    const out = new Int32Array(points.length >> 1);
    const logits = this.mlp.output;
    this.run(model, points, 'predictLabels', (from, rows) => {
      for (let r = 0; r < rows; r++) out[from + r] = argmax(logits, r * C, C);
    });
    return out;
  }

  /** Mean cross-entropy and accuracy on labelled points (n >= 1). */
  score(model: ClassifierModel, points: Float64Array, labels: ArrayLike<number>): ClassifierScore {
    const C = this.spec.classes;
    const n = checkPoints(points, 'score', 1);
    checkLabels(labels, n, C, 'score');
    const logits = this.mlp.output;
    let loss = 0;
    let correct = 0;
    this.run(model, points, 'score', (from, rows) => {
      loss += softmaxCrossEntropy(logits, rows, C, labels, from, null, 0);
      for (let r = 0; r < rows; r++) if (argmax(logits, r * C, C) === labels[from + r]) correct++;
    });
    return { loss: loss / n, accuracy: correct / n };
  }

  /** Outputs of each hidden layer (after ReLU): `depth` arrays, each n×width row-major. */
  hidden(model: ClassifierModel, points: Float64Array): Float64Array[] {
    const { width, depth } = this.spec;
    const n = points.length >> 1;
    const out = Array.from({ length: depth }, () => new Float64Array(n * width));
    this.run(model, points, 'hiddenActivations', (from, rows) => {
      for (let h = 0; h < depth; h++)
        out[h].set(this.mlp.hiddenOutput(h).subarray(0, rows * width), from * width);
    });
    return out;
  }
}

/** Class probabilities of `model` at `points` (interleaved, length 2n): n×classes, row-major. */
export function predictProbabilities(model: ClassifierModel, points: Float64Array): Float64Array {
  return new ClassifierEvaluator(model.spec).probabilities(model, points);
}

/**
 * Predicted class of each point (argmax of the logits, lowest class on ties), length n. Costs
 * n·(3w + (depth − 1)(w² + w) + (w + 1)·C) multiply-adds: 44 M for a 100×100 decision-region grid
 * with the default 2-64-64-3 network, about 20 ms in V8 (bench/fusion.bench.ts).
 */
export function predictLabels(model: ClassifierModel, points: Float64Array): Int32Array {
  return new ClassifierEvaluator(model.spec).labels(model, points);
}

/** Mean cross-entropy (nats) and accuracy of `model` on labelled points (n >= 1). */
export function scoreClassifier(
  model: ClassifierModel,
  points: Float64Array,
  labels: ArrayLike<number>,
): ClassifierScore {
  return new ClassifierEvaluator(model.spec).score(model, points, labels);
}

/** Hidden-layer outputs of `model` at `points`: `depth` arrays, each n×width, row-major. */
export function hiddenActivations(model: ClassifierModel, points: Float64Array): Float64Array[] {
  return new ClassifierEvaluator(model.spec).hidden(model, points);
}

/**
 * The mean cross-entropy on a batch, its gradient with respect to every parameter (same layout as
 * `model.params`) and the logits (n×classes). Exact up to rounding: checked against PyTorch
 * autograd in float64 (fixture fusion_00) to 1e-12 relative.
 */
export function classifierLossAndGradient(
  model: ClassifierModel,
  points: Float64Array,
  labels: ArrayLike<number>,
): { loss: number; grad: Float64Array; logits: Float64Array } {
  checkModel(model, 'classifierLossAndGradient');
  const n = checkPoints(points, 'classifierLossAndGradient', 1);
  const C = model.spec.classes;
  checkLabels(labels, n, C, 'classifierLossAndGradient');
  const mlp = new Mlp(classifierMlpSpec(model.spec), n, 'f64');
  writeStandardised(points, 0, n, model.frame, mlp.input);
  const logits = mlp.forward(model.params, n, true);
  const loss = softmaxCrossEntropy(logits, n, C, labels, 0, mlp.dOutput, 1 / n) / n;
  const grad = mlp.backward(model.params, n);
  return { loss, grad: Float64Array.from(grad), logits: Float64Array.from(logits.subarray(0, n * C)) };
}
