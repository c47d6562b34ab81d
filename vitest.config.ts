import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// Two suites from one set of projects. `npm test` runs the fast tests: every `*.test.ts` but the
// slow ones. `npm run test:slow` (`vitest run --mode slow`) runs only the `*.slow.test.ts` files:
// the load test, the full property runs, the diff rules and the tests that start many processes
// or wait for a timeout. CI runs both. One slow file: `npx vitest run --mode slow <file>`.
export default defineConfig(({ mode }) => {
  const slow = mode === 'slow';
  const tests = (folder: string) => [`${folder}/**/*.${slow ? 'slow.' : ''}test.ts`];
  // Test files that change a global (fetch, Date): they run isolated, in the `globals` project.
  const changesGlobals = ['test/msw/**', 'test/client/global-fetch.test.ts'];
  const exclude = (...more: string[]) => [...configDefaults.exclude, ...(slow ? [] : ['**/*.slow.test.ts']), ...more];
  // A hang guard, not a measure: under `npm run test:under-load` (busy processes on every core,
  // beside other work) a test that spawns processes took 6 times as long as on a quiet machine,
  // and a spawned `npm start` more than 20 s to answer; 30 s guards failed there.
  const hangGuard = 120_000;

  return {
    test: {
      // The files of a worker share one module cache: that halves the CPU time of `npm test`. It is
      // safe because no file of these projects changes a global or mocks a module; the few that must
      // (MSW's setupServer patches fetch, the parity test fakes Date, the client's global-fetch test
      // swaps fetch) are the `globals` project, where each file gets fresh globals and modules.
      isolate: false,
      // At least two workers: vitest's default on a 2-core machine is one, which leaves the other
      // core to vitest's own process and the spawned ones, idle most of the run. On the project's
      // 2-core machine two were 9-15 s faster in some busy runs and the same when quiet (32.4 against
      // 32.2 s), for up to 5 s more CPU (each worker imports the modules once): docs/decisions.md.
      maxWorkers: Math.max(2, availableParallelism() - 1),
      // Transformed TypeScript is kept on disk (node_modules/.experimental-vitest-cache, keyed by each
      // file's content and the config) and reused by the next run: vitest's transform time went from
      // 4.6 to 1.5 s. `npx vitest --clearCache` empties it (docs/decisions.md, 2026-12-08).
      experimental: { fsModuleCache: true },
      projects: [
        {
          extends: true,
          test: {
            name: 'default',
            include: tests('test'),
            // The type tests (`*.test-d.ts`) run through TypeScript 7's tsc on the whole tsconfig, so
            // `npm test` type-checks the repository too (a type error anywhere fails it); the same
            // check as `npm run typecheck`, incremental. TypeScript 5.9: `npm run typecheck:ts5`.
            typecheck: { enabled: !slow, checker: 'node_modules/typescript7/bin/tsc', include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
            // The browser test needs Chromium: `npm run test:browser` (vitest.browser.config.ts).
            // The mock and robustness tests are the next projects.
            exclude: exclude('test/browser/**', 'test/mock/**', 'test/robustness/**', ...changesGlobals),
            // The bin, bundled once for the files that run it as a process.
            globalSetup: ['test/support/bin-bundle.ts'],
            // Some spawn the Redocly CLI or a build step: seconds each when the machine is busy.
            testTimeout: hangGuard,
            hookTimeout: hangGuard,
          },
        },
        // The files that change globals, each in a fresh module graph (see `isolate` above).
        {
          extends: true,
          test: {
            name: 'globals',
            include: [...tests('test/msw'), ...(slow ? [] : ['test/client/global-fetch.test.ts'])],
            exclude: exclude(),
            isolate: true,
            testTimeout: hangGuard,
            hookTimeout: hangGuard,
          },
        },
        // The mock tests share one running mock, started by their own global setup; some start more
        // processes of their own, which takes seconds on a busy machine.
        {
          extends: true,
          test: { name: 'mock', include: tests('test/mock'), exclude: exclude(), globalSetup: ['test/mock/global-setup.ts'], testTimeout: hangGuard, hookTimeout: hangGuard },
        },
        // The bad-request corpus and the credential tests get a mock of their own (same global setup),
        // so that nothing they send can disturb the mock tests.
        {
          extends: true,
          test: {
            name: 'robustness',
            include: tests('test/robustness'),
            exclude: exclude('test/robustness/load.slow.test.ts'),
            globalSetup: ['test/mock/global-setup.ts'],
            testTimeout: hangGuard,
            hookTimeout: hangGuard,
          },
        },
        // The load test (30 s at 50 connections, slow suite) starts its own mock and runs alone,
        // after all the others: load on a 2-core machine would slow their tests past their limits.
        ...(slow
          ? [
              {
                extends: true as const,
                test: { name: 'load', include: ['test/robustness/load.slow.test.ts'], testTimeout: 120_000, hookTimeout: 30_000, sequence: { groupOrder: 1 } },
              },
            ]
          : []),
      ],
    },
  };
});
