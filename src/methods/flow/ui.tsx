/** Flow's UI: its panel; the first visit trains, paths and evaluations follow the models. */
import type { MethodUi } from '../ui.ts';
import { FlowPanel } from './FlowPanel.tsx';
import { startFlowRuns } from './run.ts';

export default { Panel: FlowPanel, start: startFlowRuns } satisfies MethodUi;
