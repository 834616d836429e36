/** The critic's UI: its panel; a trained critic is dropped when the clouds change. */
import type { MethodUi } from '../ui.ts';
import { CriticPanel } from './CriticPanel.tsx';
import { startCriticRuns } from './run.ts';

export default { Panel: CriticPanel, start: startCriticRuns } satisfies MethodUi;
