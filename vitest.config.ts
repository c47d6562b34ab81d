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
          // The mock tests are the next project.
          exclude: [...configDefaults.exclude, 'test/browser/**', 'test/mock/**'],
        },
      },
      // The mock tests share one running mock, started by their own global setup; some start more
      // processes of their own, which takes seconds on a busy machine.
      {
        extends: true,
        test: { name: 'mock', include: ['test/mock/**/*.test.ts'], globalSetup: ['test/mock/global-setup.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
      },
    ],
  },
});
