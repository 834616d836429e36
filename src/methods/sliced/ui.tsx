/** Sliced Wasserstein's UI: its panel; the estimate and the slice re-solve on every edit while it is the method. */
import type { MethodUi } from '../ui.ts';
import { SlicedPanel } from './SlicedPanel.tsx';
import { startSlicedRuns } from './run.ts';

export default { Panel: SlicedPanel, start: startSlicedRuns } satisfies MethodUi;
