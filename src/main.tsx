import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ErrorBoundary } from './app/ErrorBoundary.tsx';
import { installTestHook } from './app/testHook.ts';
import { openStartupLink } from './app/urlSync.ts';
import './app/theme.css';

installTestHook();
// The share link's scenario and classroom options, before the first render.
openStartupLink();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
