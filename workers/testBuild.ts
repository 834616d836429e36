/**
 * Whether this bundle is a test build: the end-to-end build (`vite build --mode e2e`, served from
 * `dist-e2e/`) or Vitest. Vite replaces `__OT_TEST_BUILD__` with a literal (the `define` of
 * vite.config.ts), so in the production build `TEST_BUILD` is `false` and the bundler drops every
 * `if (TEST_BUILD)` branch together with the fault code only those branches reach (faults.ts).
 * Outside Vite (the CLI and the benchmarks under tsx) the name is not defined: false.
 */
declare const __OT_TEST_BUILD__: boolean | undefined;

export const TEST_BUILD: boolean = typeof __OT_TEST_BUILD__ !== 'undefined' && __OT_TEST_BUILD__;
