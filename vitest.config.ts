import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'tests/core/**/*.test.ts',
            'tests/src/**/*.test.ts',
            'tests/server/**/*.test.ts',
            'tests/scripts/**/*.test.ts',
            'tests/typecheck.test.ts',
            'tests/architecture/**/*.test.ts',
          ],
        },
      },
      {
        // Build and browser tests share one real build of the demo content, made once in globalSetup.
        test: {
          name: 'site',
          include: ['tests/build/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/edge/**/*.test.ts'],
          globalSetup: ['tests/setup/build-site.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
