// The model-based property test of the simulator (test/simulator/support/model.ts), against the MSW
// handlers instead of the server: random sequences of the ten operations (2FA on and off) through
// setupServer and fetch, compared step by step with the reference model and the contract.
// model-based.slow.test.ts runs ten times as many under `npm run test:slow`.
import { describe, expect, it } from 'vitest';
import { checkModel } from '../simulator/support/model.js';
import { mswTarget, useHandlers } from './support/msw-target.js';

useHandlers();

describe.each(['/api/v3', ''] as const)('the MSW handlers under "%s" behave as the reference model', (prefix) => {
  it('in 50 random sequences of up to 20 steps', { timeout: 120_000 }, async () => {
    const { sequences, commands, outcomes } = await checkModel(() => mswTarget(prefix), { numRuns: 50, maxCommands: 20 });
    expect(sequences).toBe(50);
    expect(commands / sequences).toBeGreaterThan(5);
    for (const outcome of ['createAuthorization 201', 'createAuthorization 422 note already_exists', 'listAuthorizations 304', 'getAuthorization 404', 'deleteGrant 204']) {
      expect(outcomes.get(outcome), outcome).toBeGreaterThan(0);
    }
    expect([...outcomes.keys()].some((outcome) => outcome.endsWith('401 Must specify two-factor authentication OTP code.'))).toBe(true);
  });
});
