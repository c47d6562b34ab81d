// The model-based test of model-based.test.ts at scale: 1,000 random sequences (500 under each prefix),
// for `npm run test:slow`.
import { describe, expect, it } from 'vitest';
import { httpTarget, useMock } from './support/mock.js';
import { checkModel } from './support/model.js';

const mock = useMock();

describe.each(['/api/v3', ''] as const)('the simulator under "%s" behaves as the reference model', (prefix) => {
  it('in 500 random sequences of up to 30 steps', { timeout: 900_000 }, async () => {
    const { sequences } = await checkModel(() => httpTarget(mock(), prefix), { numRuns: 500, maxCommands: 30 });
    expect(sequences).toBe(500);
  });
});
