// model-based.test.ts at scale, for `npm run test:slow`: 1,000 random sequences against the MSW
// handlers (500 under each prefix).
import { describe, expect, it } from 'vitest';
import { checkModel } from '../simulator/support/model.js';
import { mswTarget, useHandlers } from './support/msw-target.js';

useHandlers();

describe.each(['/api/v3', ''] as const)('the MSW handlers under "%s" behave as the reference model', (prefix) => {
  it('in 500 random sequences of up to 30 steps', { timeout: 900_000 }, async () => {
    const { sequences } = await checkModel(() => mswTarget(prefix), { numRuns: 500, maxCommands: 30 });
    expect(sequences).toBe(500);
  });
});
