/** The app shell: toolbar on top, tools and stage in the middle, method panel at the side, playback below. */
import { useEffect, useState } from 'react';
import { methodMeta, type MethodId } from '../methods/index.ts';
import { loadMethodUi, preloadNextMethodUi, type MethodUi } from '../methods/ui.ts';
import { CloudsPanel } from '../panels/CloudsPanel.tsx';
import { CostStatsPanel } from '../panels/CostStatsPanel.tsx';
import { ScenarioPanel } from '../panels/ScenarioPanel.tsx';
import { startCostStats } from '../solver/costStatsRun.ts';
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

/**
 * The open method: loads its UI module (its own chunk), starts its runs while it is the method,
 * and shows its panel. A chunk that cannot be fetched costs that panel only.
 */
function MethodHost() {
  const method = useStore((s) => s.scenario.method);
  const [ui, setUi] = useState<{ id: MethodId; ui: MethodUi } | { id: MethodId; error: Error } | null>(null);
  useEffect(() => {
    let live = true;
    let stop: (() => void) | undefined;
    loadMethodUi(method).then(
      (loaded) => {
        if (!live) return;
        setUi({ id: method, ui: loaded });
        stop = loaded.start?.();
      },
      (e: unknown) => live && setUi({ id: method, error: e instanceof Error ? e : new Error(String(e)) }),
    );
    return () => {
      live = false;
      stop?.();
    };
  }, [method]);
  const title = methodMeta(method).title;
  if (!ui || ui.id !== method) return <PanelPlaceholder label={title} />;
  if ('error' in ui) return <PanelLoadError label={title} error={ui.error} />;
  const { Panel } = ui.ui;
  return (
    <ErrorBoundary key={method} fallback={(e) => <PanelLoadError label={title} error={e} />}>
      <Panel />
    </ErrorBoundary>
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
 * so they never compete with the first paint and the first solve: one panel per idle callback.
 */
function schedulePreload(): () => void {
  let idle = 0;
  const step = () => {
    if (preloadNextMethodUi()) idle = window.requestIdleCallback(step, { timeout: 3000 });
  };
  const timer = globalThis.setTimeout(() => {
    // Safari has no requestIdleCallback.
    if ('requestIdleCallback' in window) idle = window.requestIdleCallback(step, { timeout: 3000 });
    else while (preloadNextMethodUi());
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
        <MethodHost />
        <CloudsPanel />
        <ScenarioPanel />
        <CostStatsPanel />
      </aside>
      <EmbedLink />
      <Notices />
    </div>
  );
}
