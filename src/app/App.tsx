/** The app shell: toolbar on top, tools and stage in the middle, method panel at the side, playback below. */
import { useEffect } from 'react';
import { CostStatsPanel } from '../panels/CostStatsPanel.tsx';
import { METHOD_LABELS, METHOD_PANELS } from '../panels/registry.ts';
import { ScenarioPanel } from '../panels/ScenarioPanel.tsx';
import { startCostStats } from '../solver/costStatsRun.ts';
import { startPlanRuns } from '../solver/planRun.ts';
import { Stage } from '../stage/Stage.tsx';
import { ToolPalette } from '../stage/ToolPalette.tsx';
import { useStore } from '../state/store.ts';
import { Notices } from './Notices.tsx';
import { PlaybackBar } from './PlaybackBar.tsx';
import { installShortcuts } from './shortcuts.ts';
import { installClassroomKeys } from './classroom.ts';
import { EmbedLink } from './classroomEmbed.tsx';
import { startUrlSync } from './urlSync.ts';
import { TopBar } from './TopBar.tsx';

function MethodPanel() {
  const method = useStore((s) => s.scenario.method);
  const Panel = METHOD_PANELS[method];
  if (Panel) return <Panel />;
  return (
    <section className="section">
      <h2>{METHOD_LABELS[method]}</h2>
      <p className="muted">
        This scenario uses {METHOD_LABELS[method]}, which this version of the playground does not offer yet.
      </p>
    </section>
  );
}

export function App() {
  useEffect(() => installShortcuts(), []);
  useEffect(() => startCostStats(), []);
  useEffect(() => startPlanRuns(), []);
  useEffect(() => startUrlSync(), []);
  useEffect(() => installClassroomKeys(), []);
  return (
    <div className="app">
      <TopBar />
      <main className="stage-area">
        <ToolPalette />
        <Stage />
      </main>
      <footer className="playbar-area">
        <PlaybackBar />
      </footer>
      <aside className="side" aria-label="Method and scenario">
        <MethodPanel />
        <ScenarioPanel />
        <CostStatsPanel />
      </aside>
      <EmbedLink />
      <Notices />
    </div>
  );
}
