// `npm run test:browser`: the docs page in headless Chromium. Kept out of `npm test`, which needs
// no browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
