/** Procrustes' UI: its panel; the alignment re-solves on every edit while Procrustes is the method. */
import type { MethodUi } from '../ui.ts';
import { ProcrustesPanel } from './ProcrustesPanel.tsx';
import { startProcrustesRuns } from './run.ts';

export default { Panel: ProcrustesPanel, start: startProcrustesRuns } satisfies MethodUi;
