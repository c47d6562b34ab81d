// An operation added to the contract before the simulator has a rule for it (CONTRIBUTING: the one
// optional step) is served from its examples, as Prism would, never with a 500.
import { describe, expect, it } from 'vitest';
import { operations } from '../../generated/simulator-contract.js';
import { operationAnswer } from '../../src/simulator/responses.js';
import { AuthorizationsBackend } from '../../src/simulator/model.js';
import { routes } from '../../src/simulator/routes.js';

const base = 'http://127.0.0.1:4010/api/v3';
const route = (name: string) => routes.find((candidate) => candidate.operation.name === name)!;
/** getGrant's route and answers under the name of an operation the simulator knows nothing of. */
const unknown = (name: string, responses = route('getGrant').operation.responses) => ({
  ...route('getGrant'),
  operation: { ...route('getGrant').operation, name, operationId: `oauth-authorizations/${name}`, responses },
});
const call = (routeOf: ReturnType<typeof unknown>) => ({
  route: routeOf,
  pathParameters: { grant_id: 1 },
  query: new URLSearchParams(),
  body: undefined,
  credentials: { user: 'octocat', password: 'secret' },
});
const context = { base, path: '/applications/grants/1', search: '', headers: new Headers() };

describe('an operation without a rule', () => {
  it('answers its first success status with its first example, and says so', async () => {
    const answer = await operationAnswer(new AuthorizationsBackend(), call(unknown('getGrantUsage')) as never, context);
    const getGrant = operations.find((operation) => operation.name === 'getGrant')!;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: expect.any(Number), app: expect.any(Object) });
    expect(answer.headers).not.toHaveProperty('preference-applied');
    expect(answer.reason).toBe(`the simulator has no rule for oauth-authorizations/getGrantUsage: the contract's ${getGrant.responses['200']!.examples[0]} example, as Prism would answer`);
  });

  it('answers 501, naming it, when the contract documents no success answer', async () => {
    const { '200': _, ...errorsOnly } = route('getGrant').operation.responses;
    const answer = await operationAnswer(new AuthorizationsBackend(), call(unknown('getGrantUsage', errorsOnly)) as never, context);
    expect(answer.status).toBe(501);
    expect(answer.reason).toContain('has no rule for oauth-authorizations/getGrantUsage');
  });
});
