/**
 * The one matrix product the MLP needs, C = A·Bᵀ (+ bias), in plain JavaScript loops.
 *
 * Why A·Bᵀ: with A (M×K) and B (N×K) both row-major, every dot product reads two contiguous rows,
 * so one kernel serves the forward pass (activations × weightsᵀ), the weight gradient (δᵀ ×
 * activationsᵀ, over the batch) and the input gradient (δ × (weightsᵀ)ᵀ), given the transposes
 * the MLP keeps. The loop is register-blocked 2 rows of A × 4 rows of B: eight independent
 * accumulators hide the latency of the floating-point adds and each load feeds two or four
 * multiply-adds (V8 does not vectorise; this is what makes scalar code fast). Float64Array runs
 * about twice as fast as Float32Array here (V8 converts every float32 load), so the flow kernels
 * train in float64.
 */

/** Float32Array or Float64Array: the MLP runs in either precision. */
export type FloatArray = Float32Array | Float64Array;

/**
 * C[cOff + m·N + n] = bias[biasOff + n] + Σ_k A[m·K + k] · B[bOff + n·K + k], for m < M, n < N.
 * Offsets instead of subarray views, so a training step allocates nothing.
 * @param A M×K, row-major, from index 0
 * @param B N×K, row-major, from index `bOff`
 * @param C M×N, row-major, from index `cOff`, overwritten (must not alias A or B)
 * @param bias N entries from `biasOff`, or null for zero
 * Accumulates in double precision whatever the array type; rounding happens once, at the store.
 */
export function gemmABt(
  A: FloatArray,
  B: FloatArray,
  bOff: number,
  C: FloatArray,
  cOff: number,
  M: number,
  N: number,
  K: number,
  bias: FloatArray | null,
  biasOff: number,
): void {
  const N4 = N - (N % 4);
  for (let m = 0; m < M; m += 2) {
    // The last row of an odd M pairs with itself: computed twice, stored once.
    const pair = m + 1 < M;
    const a0 = m * K;
    const a1 = pair ? a0 + K : a0;
    const c0 = cOff + m * N;
    const c1 = pair ? c0 + N : c0;
    for (let n = 0; n < N4; n += 4) {
      const b0 = bOff + n * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let k = 0; k < K; k++) {
        const w0 = B[b0 + k];
        const w1 = B[b1 + k];
        const w2 = B[b2 + k];
        const w3 = B[b3 + k];
        const x0 = A[a0 + k];
        s00 += x0 * w0;
        s01 += x0 * w1;
        s02 += x0 * w2;
        s03 += x0 * w3;
        const x1 = A[a1 + k];
        s10 += x1 * w0;
        s11 += x1 * w1;
        s12 += x1 * w2;
        s13 += x1 * w3;
      }
      if (bias !== null) {
        const z = biasOff + n;
        s00 += bias[z];
        s01 += bias[z + 1];
        s02 += bias[z + 2];
        s03 += bias[z + 3];
        s10 += bias[z];
        s11 += bias[z + 1];
        s12 += bias[z + 2];
        s13 += bias[z + 3];
      }
      C[c1 + n] = s10;
      C[c1 + n + 1] = s11;
      C[c1 + n + 2] = s12;
      C[c1 + n + 3] = s13;
      C[c0 + n] = s00;
      C[c0 + n + 1] = s01;
      C[c0 + n + 2] = s02;
      C[c0 + n + 3] = s03;
    }
    // Columns left over when N is not a multiple of 4.
    for (let n = N4; n < N; n++) {
      const b0 = bOff + n * K;
      let s0 = bias === null ? 0 : bias[biasOff + n];
      let s1 = s0;
      for (let k = 0; k < K; k++) {
        const w0 = B[b0 + k];
        s0 += A[a0 + k] * w0;
        s1 += A[a1 + k] * w0;
      }
      C[c1 + n] = s1;
      C[c0 + n] = s0;
    }
  }
}

/**
 * out[c·R + r] = input[inOff + r·Cols + c]: the transpose of an R×Cols row-major matrix.
 * @param input R×Cols, row-major, from index `inOff`
 * @param out Cols×R, row-major, from index 0, overwritten (must not alias `input`)
 */
export function transpose(input: FloatArray, inOff: number, out: FloatArray, R: number, Cols: number): void {
  // Blocks of 8 rows keep both the reads and the strided writes within a few cache lines.
  for (let r0 = 0; r0 < R; r0 += 8) {
    const r1 = Math.min(R, r0 + 8);
    for (let c = 0; c < Cols; c++) {
      const o = c * R;
      for (let r = r0; r < r1; r++) out[o + r] = input[inOff + r * Cols + c];
    }
  }
}
