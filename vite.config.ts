import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { prerenderFormulas } from './build/prerenderFormulas.ts';
import { pwa } from './build/pwa.ts';

/**
 * Content-Security-Policy of the built app: only its own origin, no inline script, no eval,
 * workers from self. Styles allow inline attributes (React style props, KaTeX layout). Applied as
 * a meta tag in the built page and as a header by `vite preview`; not in dev, where the React
 * refresh preamble is an inline script.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      ),
  };
}

/**
 * Static build. `BASE_PATH=/some/dir/ npm run build` builds for hosting under a sub-path.
 * Workers are ES modules so comlink and the kernels are bundled into one worker chunk.
 *
 * `vite build --mode e2e` is the end-to-end tests' build, in `dist-e2e/` (served by `vite preview
 * --mode e2e`): `__OT_TEST_BUILD__` is true there (and under Vitest), which compiles in the test
 * hook (src/app/testHook.ts) and the worker's fault points (workers/faults.ts). The production
 * build (`dist/`) has neither: the constant is false and the bundler drops that code.
 */
export default defineConfig(({ mode }) => ({
  base: process.env.BASE_PATH ?? './',
  plugins: [prerenderFormulas(), react(), cspMeta(), pwa()],
  define: { __OT_TEST_BUILD__: JSON.stringify(mode === 'e2e' || mode === 'test') },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    outDir: mode === 'e2e' ? 'dist-e2e' : 'dist',
    rollupOptions: {
      output: {
        // Each method's lazily loaded UI chunk is named after the method (method-flow-<hash>.js)
        // rather than five anonymous "ui-<hash>.js": readable in the network panel and in tests.
        chunkFileNames: (chunk) => {
          const id = chunk.facadeModuleId?.match(/methods\/([\w-]+)\/ui\.tsx$/)?.[1];
          return id ? `assets/method-${id}-[hash].js` : 'assets/[name]-[hash].js';
        },
      },
    },
  },
  preview: {
    port: 4173,
    strictPort: true,
    headers: {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  },
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'workers/**/*.test.ts',
      'cli/**/*.test.ts',
      'build/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
  },
}));
