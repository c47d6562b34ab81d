// The model-based property test of the simulator (test/simulator/support/model.ts), against the MSW
// handlers instead of the server: random sequences of the ten operations (2FA on and off) through
// setupServer and fetch, compared step by step with the reference model and the contract. The same
// generator's coverage (creates, conflicts, 304s, 404s, 2FA refusals) is asserted by
// test/simulator/model-based.test.ts; model-based.slow.test.ts runs 1,000 sequences here.
import { describe, expect, it } from 'vitest';
import { checkModel } from '../simulator/support/model.js';
import { mswTarget, useHandlers } from './support/msw-target.js';

useHandlers();

describe.each(['/api/v3', ''] as const)('the MSW handlers under "%s" behave as the reference model', (prefix) => {
  it('in 25 random sequences of up to 20 steps', { timeout: 120_000 }, async () => {
    const { sequences, commands, outcomes } = await checkModel(() => mswTarget(prefix), { numRuns: 25, maxCommands: 20 });
    expect(sequences).toBe(25);
    expect(commands / sequences).toBeGreaterThan(5);
    expect(outcomes.get('createAuthorization 201')).toBeGreaterThan(0);
  });
});
