/** Model fusion's UI: its panel; the first visit trains once, an edit of the cloud drops the experiment. */
import type { MethodUi } from '../ui.ts';
import { FusionPanel } from './FusionPanel.tsx';
import { startFusionRuns } from './run.ts';

export default { Panel: FusionPanel, start: startFusionRuns } satisfies MethodUi;
