/** The barycenter's UI: its panel; the barycenter re-solves on every edit while it is the method. */
import type { MethodUi } from '../ui.ts';
import { BarycenterPanel } from './BarycenterPanel.tsx';
import { startBarycenterRuns } from './run.ts';

export default { Panel: BarycenterPanel, start: startBarycenterRuns } satisfies MethodUi;
