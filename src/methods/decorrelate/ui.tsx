/** Decorrelation's UI: its panel; the decorrelation re-solves on every edit while it is the method. */
import type { MethodUi } from '../ui.ts';
import { DecorrelatePanel } from './DecorrelatePanel.tsx';
import { startDecorrelateRuns } from './run.ts';

export default { Panel: DecorrelatePanel, start: startDecorrelateRuns } satisfies MethodUi;
