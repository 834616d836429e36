/** Partial transport's UI: its panel; the plan re-solves on every edit while it is the method. */
import type { MethodUi } from '../ui.ts';
import { PartialPanel } from './PartialPanel.tsx';
import { startPartialRuns } from './run.ts';

export default { Panel: PartialPanel, start: startPartialRuns } satisfies MethodUi;
