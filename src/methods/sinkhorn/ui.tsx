/** Sinkhorn's UI: its panel; the plan (and the exact reference) re-solve on every edit while Sinkhorn is the method. */
import { startPlanRuns } from '../../panels/plan/planRun.ts';
import type { MethodUi } from '../ui.ts';
import { SinkhornPanel } from './SinkhornPanel.tsx';

export default { Panel: SinkhornPanel, start: () => startPlanRuns('sinkhorn') } satisfies MethodUi;
