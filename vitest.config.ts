import { defineConfig } from 'vitest/config';

// Two projects: `vitest run --project unit` (npm test) and `vitest run --project e2e` (npm run test:e2e).
// Inline projects take the root of this config as their root, so the paths below are repo-relative.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['packages/server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // vitest 4: per-project; false forces maxWorkers = 1 for this project (one browser + server at a time).
          fileParallelism: false,
        },
      },
    ],
  },
});
