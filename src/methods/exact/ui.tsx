/** Exact OT's UI: its panel; the plan re-solves on every edit while Exact is the method. */
import { startPlanRuns } from '../../panels/plan/planRun.ts';
import type { MethodUi } from '../ui.ts';
import { ExactPanel } from './ExactPanel.tsx';

export default { Panel: ExactPanel, start: () => startPlanRuns('exact') } satisfies MethodUi;
