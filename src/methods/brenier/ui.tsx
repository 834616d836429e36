/** Brenier's UI: its panel; the entropic map re-solves on every edit while Brenier is the method. */
import type { MethodUi } from '../ui.ts';
import { BrenierPanel } from './BrenierPanel.tsx';
import { startBrenierRuns } from './run.ts';

export default { Panel: BrenierPanel, start: startBrenierRuns } satisfies MethodUi;
