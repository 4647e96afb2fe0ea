import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Product modules read LOG_LEVEL when first used; the suite's own process stays quiet.
process.env.LOG_LEVEL ??= 'silent';

/**
 * The fault-injection suite (test/faults, `npm run test:faults`, a step of `npm test`): one file at a time, on
 * services of its own (test/faults/global-setup.ts). About ten minutes in all.
 */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/faults/**/*.faults.test.ts'],
    globalSetup: ['test/faults/global-setup.ts'],
    setupFiles: ['test/faults/setup-file.ts'],
    testTimeout: 240_000,
    hookTimeout: 180_000,
    maxWorkers: 1,
    fileParallelism: false,
    pool: 'forks',
    sequence: { shuffle: false },
  },
});
