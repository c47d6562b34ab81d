import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'default',
          include: ['test/**/*.test.ts'],
          // Type tests (`*.test-d.ts`) run through tsc beside the runtime tests.
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
          // The browser test needs Chromium: `npm run test:browser` (vitest.browser.config.ts).
          // The mock and robustness tests are the next projects.
          // `*.slow.test.ts` run under `npm run test:slow` (vitest.slow.config.ts).
          exclude: [...configDefaults.exclude, 'test/browser/**', 'test/mock/**', 'test/robustness/**', '**/*.slow.test.ts'],
        },
      },
      // The mock tests share one running mock, started by their own global setup; some start more
      // processes of their own, which takes seconds on a busy machine.
      {
        extends: true,
        test: { name: 'mock', include: ['test/mock/**/*.test.ts'], globalSetup: ['test/mock/global-setup.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
      },
      // The bad-request corpus and the credential tests get a mock of their own (same global setup),
      // so that nothing they send can disturb the mock tests.
      {
        extends: true,
        test: {
          name: 'robustness',
          include: ['test/robustness/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/robustness/load.test.ts'],
          globalSetup: ['test/mock/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      // The load test (30 s at 50 connections) starts its own mock and runs alone, after all the
      // others: load on a 2-core machine would slow their tests past their time limits.
      {
        extends: true,
        test: { name: 'load', include: ['test/robustness/load.test.ts'], testTimeout: 120_000, hookTimeout: 30_000, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
