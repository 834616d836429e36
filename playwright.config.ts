import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download its own browser here;
 * CHROMIUM_PATH overrides the executable) against the test build: `vite build --mode e2e` into
 * `dist-e2e/`, served by `vite preview --mode e2e` with the production CSP and headers. It is the
 * production build plus the test hook (`?e2e`: `window.__ot`) and the worker's fault points, which
 * `npm run build` compiles out (vite.config.ts; `npm run test:build` checks `dist/`). Its own port,
 * so a production preview on 4173 is never mistaken for it.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** E2E_PORT lets two checkouts on one machine run their suites side by side. */
const port = process.env.E2E_PORT ?? '4174';
const launchOptions = {
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  // No retries, on CI either: a test that fails once is a failure to fix, not to hide.
  retries: 0,
  // A broken build fails fast rather than running every test into its timeout: CI stays bounded.
  maxFailures: process.env.CI ? 12 : 0,
  globalTimeout: 30 * 60_000,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions,
  },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions },
    },
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], launchOptions },
      grep: /@phone/,
    },
  ],
  webServer: {
    command: `npx vite build --mode e2e --logLevel warn && npx vite preview --mode e2e --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
