/** The app shell: toolbar on top, tools and stage in the middle, method panel at the side, playback below. */
import { Suspense, useEffect } from 'react';
import { CostStatsPanel } from '../panels/CostStatsPanel.tsx';
import { METHOD_LABELS, METHOD_PANELS, preloadPanels } from '../panels/registry.ts';
import { ScenarioPanel } from '../panels/ScenarioPanel.tsx';
import { startCostStats } from '../solver/costStatsRun.ts';
import { startPlanRuns } from '../solver/planRun.ts';
import { Stage } from '../stage/Stage.tsx';
import { ToolPalette } from '../stage/ToolPalette.tsx';
import { onRefusedResult } from '../state/results.ts';
import { useStore } from '../state/store.ts';
import { Notices } from './Notices.tsx';
import { PlaybackBar } from './PlaybackBar.tsx';
import { installShortcuts } from './shortcuts.ts';
import { installClassroomKeys } from './classroom.ts';
import { EmbedLink } from './classroomEmbed.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { startUrlSync } from './urlSync.ts';
import { TopBar } from './TopBar.tsx';

function MethodPanel() {
  const method = useStore((s) => s.scenario.method);
  const Panel = METHOD_PANELS[method];
  if (Panel)
    return (
      // A panel chunk that cannot be fetched (offline before it was preloaded) costs its panel only.
      <ErrorBoundary
        key={method}
        fallback={(e) => <PanelLoadError label={METHOD_LABELS[method]} error={e} />}
      >
        <Suspense fallback={<PanelPlaceholder label={METHOD_LABELS[method]} />}>
          <Panel />
        </Suspense>
      </ErrorBoundary>
    );
  return (
    <section className="section">
      <h2>{METHOD_LABELS[method]}</h2>
      <p className="muted">
        This scenario uses {METHOD_LABELS[method]}, which this version of the playground does not offer yet.
      </p>
    </section>
  );
}

/** What the side panel shows for the few milliseconds its chunk takes to arrive. */
function PanelPlaceholder({ label }: { label: string }) {
  return (
    <section className="section" aria-busy="true">
      <div className="panel-title">
        <h2>{label}</h2>
      </div>
      <p className="muted">Loading…</p>
    </section>
  );
}

/** The panel's place when its code could not be loaded. */
function PanelLoadError({ label, error }: { label: string; error: Error }) {
  return (
    <section className="section" role="alert">
      <div className="panel-title">
        <h2>{label}</h2>
      </div>
      <p>
        This panel could not be loaded ({error.message}). You may be offline; the stage and the other methods
        that have loaded still work.
      </p>
      <button type="button" className="btn" onClick={() => location.reload()}>
        Reload
      </button>
    </section>
  );
}

/**
 * Starts fetching the other panels a couple of seconds after start-up, when the browser is idle,
 * so they never compete with the first paint and the first solve.
 */
function schedulePreload(): () => void {
  let idle = 0;
  const timer = globalThis.setTimeout(() => {
    // Safari has no requestIdleCallback.
    if ('requestIdleCallback' in window) idle = window.requestIdleCallback(preloadPanels, { timeout: 3000 });
    else preloadPanels();
  }, 2000);
  return () => {
    globalThis.clearTimeout(timer);
    if (idle) window.cancelIdleCallback(idle);
  };
}

/** Tells the user when a result was not drawn because it held NaN or an infinity. */
function reportRefusedResults(): () => void {
  return onRefusedResult((lane, where) =>
    useStore
      .getState()
      .notify(
        'error',
        `Nothing drawn: the ${lane} result held a non-finite number (${where}). Your scenario is ` +
          'unchanged; a larger epsilon or coordinates nearer the origin usually help.',
      ),
  );
}

export function App() {
  useEffect(() => reportRefusedResults(), []);
  useEffect(() => schedulePreload(), []);
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
