import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'default', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/mock/**'] } },
      // The mock tests share one running mock, started by their own global setup; some start more
      // processes of their own, which takes seconds on a busy machine.
      {
        extends: true,
        test: { name: 'mock', include: ['test/mock/**/*.test.ts'], globalSetup: ['test/mock/global-setup.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
      },
    ],
  },
});
