import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { prerenderFormulas } from './build/prerenderFormulas.ts';

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
 */
export default defineConfig({
  base: process.env.BASE_PATH ?? './',
  plugins: [prerenderFormulas(), react(), cspMeta()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 800 },
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
});
