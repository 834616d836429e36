import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Static build. `BASE_PATH=/some/dir/ npm run build` builds for hosting under a sub-path.
 * Workers are ES modules so comlink and the kernels are bundled into one worker chunk.
 */
export default defineConfig({
  base: process.env.BASE_PATH ?? './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 800 },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'workers/**/*.test.ts', 'cli/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
