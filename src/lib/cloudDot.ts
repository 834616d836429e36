import type { CSSProperties } from 'react';

/** The style that colours a `.dot.cloud` (or anything reading `--dot`) with cloud k's colour. */
export const cloudDot = (k: number): CSSProperties => ({ ['--dot' as string]: `var(--cloud-${k})` });
