import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ErrorBoundary } from './app/ErrorBoundary.tsx';
import { startServiceWorker } from './app/serviceWorker.ts';
import { installTestHook } from './app/testHook.ts';
import { openStartupLink } from './app/urlSync.ts';
import './app/theme.css';

/** True only in the test builds (vite.config.ts `define`): production compiles the hook out. */
declare const __OT_TEST_BUILD__: boolean;

if (__OT_TEST_BUILD__) installTestHook();
// The share link's scenario and classroom options, before the first render.
openStartupLink();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
// The offline copy (a service worker), once the page has loaded.
startServiceWorker();
