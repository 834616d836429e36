/**
 * One of the two places the app runs code from workers/ (the other is the Python export's seeded
 * draws, src/export/kernelSeeds.ts): the closed-form similarity motions of
 * workers/kernels/procrustes/rigidMotion.ts (`motionAt`, `applyMotion`). They are a few multiplications per
 * point and frame, not a solver, and the stage must evaluate them at every playback time t on the
 * main thread; importing them keeps one definition of the animation instead of a copy that could
 * drift from what the kernels and their tests define.
 */
/* eslint-disable @typescript-eslint/no-restricted-imports -- geometry, not a solver (see above) */
export { applyMotion, motionAt } from '../../../workers/kernels/procrustes/rigidMotion.ts';
/* eslint-enable @typescript-eslint/no-restricted-imports */
export type { FittedMotion, SimilarityMotion } from '../../../workers/kernels/procrustes/rigidMotion.ts';
