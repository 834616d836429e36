import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'dist-e2e', 'node_modules', 'test-results', 'playwright-report', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The app talks to kernels only through the worker: it may import types from workers/, never code.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Any module under workers/ except the reference fixtures: data shared by the kernels'
              // and the scenario's tests.
              regex: '(^|/)workers/(?!kernels/fixtures/[^/]+\\.json$)',
              allowTypeImports: true,
              message: 'src/ imports only types from workers/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['workers/**/*.ts'],
    rules: {
      // Kernels and the worker never depend on the UI.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**', 'react', 'react-dom', 'zustand'],
              message: 'workers/ never imports UI code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['workers/kernels/**/*.ts'],
    rules: {
      // Kernels are deterministic: randomness comes through a seeded generator passed in.
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Pass a seeded generator instead.' },
      ],
    },
  },
);
