// `npm run test:slow`: the tests too long for `npm test` (`*.slow.test.ts`), such as the model-based
// test at a thousand sequences. CI runs both.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.slow.test.ts'],
    testTimeout: 900_000,
    hookTimeout: 60_000,
  },
});
