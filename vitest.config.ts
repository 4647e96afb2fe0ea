import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'test/**/*.test.ts', 'worker/**/*.test.ts'],
    // The fault-injection suite has its own config and services (vitest.faults.config.ts).
    exclude: [...configDefaults.exclude, 'test/faults/**'],
    globalSetup: ['test/support/global-setup.ts'],
    // capture-logs first (it points the logger at a file before anything loads it) and harvest-secrets last
    // (its afterAll runs before setup-file drops the database; capture-logs' runs last and scans).
    setupFiles: [
      'test/security/capture-logs.ts',
      'test/support/setup-file.ts',
      'test/security/harvest-secrets.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: two files at a time, each with its own database.
    maxWorkers: 2,
    pool: 'forks',
  },
});
