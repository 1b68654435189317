import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-*/**/*.test.ts', 'fakes/**/*.test.ts', 'eslint-rules/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Cores made by tests take a free port for the MetaTrader 5 bridge, never the app's 17031.
    env: { TBS_MT5_PORT: '0' },
    testTimeout: 20_000,
    // Two cores: more workers only slow each other down.
    maxWorkers: 2,
    reporters: ['default', 'junit'],
    outputFile: { junit: 'test-results/vitest-junit.xml' },
  },
});
