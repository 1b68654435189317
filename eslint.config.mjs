// Lint = the recommended rule sets + the architecture's layering (eslint-rules/layering.mjs) + no display text
// outside the catalogues (eslint-rules/i18n.mjs). No type-aware rules:
// `npm run lint` must stay fast enough to run before every commit; `tsc` already does the type checking.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import i18n from './eslint-rules/i18n.mjs';
import layering from './eslint-rules/layering.mjs';

const unusedVars = { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' };

/**
 * Globals of Node scripts and config files. Listed by hand rather than through the `globals` package, which this
 * project does not depend on; TypeScript files do not need them (typescript-eslint turns `no-undef` off there).
 */
const nodeGlobals = Object.fromEntries(
  [
    'process', 'Buffer', 'console', 'global', 'globalThis', '__dirname', '__filename', 'require', 'module',
    'exports', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
    'queueMicrotask', 'structuredClone', 'URL', 'URLSearchParams', 'AbortController', 'AbortSignal', 'fetch',
    'TextEncoder', 'TextDecoder', 'performance', 'EventTarget', 'Event',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig([
  globalIgnores([
    'out/',
    'dist/',
    'node_modules/',
    '.native-cache/',
    'test-results/',
    'playwright-report/',
    // Scratch folders that .gitignore ignores too (local builds, test homes): not sources.
    '.tmp/',
    '.xdg/',
    // Each fixture is a deliberate layering violation, linted on purpose by eslint-rules/eslint-config.test.ts.
    'eslint-rules/fixtures/',
  ]),
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts}'],
    extends: [js.configs.recommended],
    plugins: { layering },
    rules: {
      'layering/imports': ['error', { root: import.meta.dirname }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // `_`-prefixed names are deliberately unused: a handler's signature, a placeholder argument.
      '@typescript-eslint/no-unused-vars': ['error', unusedVars],
    },
  },
  {
    // Words on screen come from the catalogues (src-renderer/i18n): English and Vietnamese, never inline.
    files: ['src-renderer/**/*.tsx'],
    plugins: { i18n },
    rules: { 'i18n/no-display-literal': 'error' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: {
      'no-unused-vars': ['error', unusedVars],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,cjs}', 'bench/**/*.{js,mjs,cjs}', 'eslint-rules/**/*.mjs', '*.config.{js,mjs,cjs,ts,mts}'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // Benchmarks run some functions inside the browser page (page.evaluate).
    files: ['bench/**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { requestAnimationFrame: 'readonly', window: 'readonly', document: 'readonly' } },
  },
  {
    // Playwright reads a fixture's first parameter to learn its dependencies: `async ({}, use) =>` is how a fixture
    // says it depends on none.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },
  {
    // src-shared is loaded by the renderer and by main: neither process's globals exist in the other. (Tests run in
    // Node under vitest and are exempt.)
    files: ['src-shared/**/*.{ts,tsx,mts}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage'].map((name) => ({
          name,
          message: `src-shared runs in main too, where there is no DOM: pass what you need from ${name} in as a value.`,
        })),
        ...['process', 'Buffer', 'require', '__dirname', '__filename'].map((name) => ({
          name,
          message: `src-shared runs in the sandboxed renderer too, where Node's ${name} does not exist: pass it in.`,
        })),
      ],
    },
  },
]);
