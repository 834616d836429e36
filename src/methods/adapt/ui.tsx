/** Domain adaptation's UI: its panel; the adaptation re-solves on every edit while it is the method. */
import type { MethodUi } from '../ui.ts';
import { AdaptPanel } from './AdaptPanel.tsx';
import { startAdaptRuns } from './run.ts';

export default { Panel: AdaptPanel, start: startAdaptRuns } satisfies MethodUi;
