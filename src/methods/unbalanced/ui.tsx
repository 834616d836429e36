/** Unbalanced Sinkhorn's UI: its panel; the plan re-solves on every edit while it is the method. */
import type { MethodUi } from '../ui.ts';
import { startUnbalancedRuns } from './run.ts';
import { UnbalancedPanel } from './UnbalancedPanel.tsx';

export default { Panel: UnbalancedPanel, start: startUnbalancedRuns } satisfies MethodUi;
