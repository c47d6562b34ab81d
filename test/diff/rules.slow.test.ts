// Each breaking and non-breaking rule of `npm run diff`, on the real contract with one targeted
// change, through the CLI's --json output and exit code.
import { afterAll, describe, expect, it } from 'vitest';
import { allOperations, authorizationResponses, contract, op, placed, pool, requestBody, run, scratchFolder, scopesRequests, sorted, type Report } from './helpers.js';

interface Expected {
  rule: string;
  operation: string;
  location: string;
}
interface Case {
  name: string;
  /** Prepares the old contract, when the rule needs something the real one lacks. */
  before?: (old: any) => void;
  /** The change from old to new. */
  change: (next: any) => void;
  /** Exactly the items expected in the list the case is about. */
  expected: Expected[];
}

const scratch = scratchFolder();
afterAll(scratch.cleanup);

const schemas = (document: any) => document.components.schemas;
const parameters = (document: any) => document.components.parameters;
const each = (rule: string, places: Array<{ operation: string; location: string }>) => places.map((place) => ({ rule, ...place }));

interface Outcome {
  code: number | null;
  stderr: string;
  report: Report;
}

/** Writes the case's two contracts and runs `npm run diff -- old new --json` on them. */
async function diff({ before, change }: Pick<Case, 'before' | 'change'>): Promise<Outcome> {
  const old = contract();
  before?.(old);
  const next = structuredClone(old);
  change(next);
  const result = await run('scripts/tools/diff-contract.js', [scratch.write(old), scratch.write(next), '--json']);
  return { code: result.code, stderr: result.stderr, report: result.code === 2 ? { old: '', new: '', breaking: [], nonBreaking: [] } : JSON.parse(result.stdout) };
}

// Every case starts at once, two at a time; each test then awaits its own outcome.
const twoAtATime = pool(2);
const outcomes = new Map<object, Promise<Outcome>>();
const start = (key: object, testCase: Pick<Case, 'before' | 'change'>) =>
  outcomes.set(
    key,
    twoAtATime(() => diff(testCase)),
  );
const outcome = (key: object) => outcomes.get(key) as Promise<Outcome>;

const breakingCases: Case[] = [
  {
    name: 'a removed operation',
    change: (next) => delete next.paths['/applications/grants/{grant_id}'].delete,
    expected: [{ rule: 'operation-removed', operation: op.deleteGrant, location: '' }],
  },
  {
    name: 'a removed parameter',
    change: (next) => next.paths['/applications/grants'].get.parameters.splice(0, 1),
    expected: [{ rule: 'parameter-removed', operation: op.listGrants, location: 'parameters/query/per_page' }],
  },
  {
    name: 'a removed path-level parameter, in every operation under the path',
    change: (next) => next.paths['/applications/grants/{grant_id}'].parameters.splice(1, 1),
    expected: each(
      'parameter-removed',
      [op.getGrant, op.deleteGrant].map((operation) => ({ operation, location: 'parameters/header/X-GitHub-OTP' })),
    ),
  },
  {
    name: 'a removed response field, in every response that carries it',
    change: (next) => delete schemas(next).authorization.properties.expires_at,
    expected: each('property-removed', authorizationResponses('properties/expires_at')),
  },
  {
    name: 'a removed request field (the body is closed: sending it now fails)',
    change: (next) => delete schemas(next)['create-authorization-request'].properties.fingerprint,
    expected: [{ rule: 'property-removed', operation: op.createAuthorization, location: requestBody('properties/fingerprint') }],
  },
  {
    name: 'a renamed operationId',
    change: (next) => (next.paths['/applications/grants'].get.operationId = 'oauth-authorizations/list-app-grants'),
    expected: [{ rule: 'operation-id-changed', operation: op.listGrants, location: 'operationId' }],
  },
  {
    name: 'a request field newly required',
    change: (next) => (schemas(next)['create-authorization-request'].required = ['note']),
    expected: [{ rule: 'required-properties-added', operation: op.createAuthorization, location: requestBody('required') }],
  },
  {
    name: 'a new required parameter',
    change: (next) => next.paths['/applications/grants'].get.parameters.push({ name: 'since', in: 'query', required: true, schema: { type: 'string' } }),
    expected: [{ rule: 'parameter-became-required', operation: op.listGrants, location: 'parameters/query/since' }],
  },
  {
    name: 'an optional parameter made required',
    change: (next) => (parameters(next)['per-page'].required = true),
    expected: each(
      'parameter-became-required',
      [op.listGrants, op.listAuthorizations].map((operation) => ({ operation, location: 'parameters/query/per_page/required' })),
    ),
  },
  {
    name: 'a request body made required',
    change: (next) => (next.paths['/authorizations'].post.requestBody.required = true),
    expected: [{ rule: 'request-body-became-required', operation: op.createAuthorization, location: 'requestBody/required' }],
  },
  {
    name: 'a response field no longer guaranteed: removed from required',
    change: (next) => (schemas(next).authorization.required = schemas(next).authorization.required.filter((name: string) => name !== 'token')),
    expected: each('required-properties-removed', authorizationResponses('required')),
  },
  {
    name: 'a response field no longer guaranteed: made nullable',
    change: (next) => (schemas(next).authorization.properties.token.type = ['string', 'null']),
    expected: each('schema-type-changed', authorizationResponses('properties/token/type')),
  },
  {
    name: 'a response field that may now be of another shape (a new anyOf branch)',
    change: (next) => schemas(next).authorization.properties.user.anyOf.push({ type: 'string' }),
    expected: each('schema-combinator-changed', authorizationResponses('properties/user/anyOf/2')),
  },
  {
    name: 'a narrowed request type (it lost a member)',
    change: (next) => (schemas(next)['authorization-scopes'].type = 'array'),
    expected: each('schema-type-changed', scopesRequests('/type')),
  },
  {
    name: 'a new maxLength on a request field',
    change: (next) => (schemas(next)['create-authorization-request'].properties.note.maxLength = 10),
    expected: [{ rule: 'schema-constraint-changed', operation: op.createAuthorization, location: requestBody('properties/note/maxLength') }],
  },
  {
    name: 'a lowered maxLength on a request field',
    change: (next) => (schemas(next)['create-authorization-request'].properties.client_id.maxLength = 10),
    expected: [{ rule: 'schema-constraint-changed', operation: op.createAuthorization, location: requestBody('properties/client_id/maxLength') }],
  },
  {
    name: 'a raised minimum on a parameter',
    change: (next) => (parameters(next).page.schema.minimum = 2),
    expected: each(
      'schema-constraint-changed',
      [op.listGrants, op.listAuthorizations].map((operation) => ({ operation, location: 'parameters/query/page/schema/minimum' })),
    ),
  },
  {
    name: 'a new pattern on a request field',
    change: (next) => (schemas(next)['create-authorization-request'].properties.note.pattern = '^[a-z ]+$'),
    expected: [{ rule: 'schema-constraint-changed', operation: op.createAuthorization, location: requestBody('properties/note/pattern') }],
  },
  {
    name: 'a new enum restriction on a request field',
    change: (next) => (schemas(next)['create-authorization-request'].properties.note.enum = ['one', 'two']),
    expected: [{ rule: 'enum-values-removed', operation: op.createAuthorization, location: requestBody('properties/note/enum') }],
  },
  {
    name: 'a removed enum value in a request (a path-level header, so every operation)',
    before: (old) => parameters(old)['x-github-api-version'].schema.enum.push('2026-03-10'),
    change: (next) => (parameters(next)['x-github-api-version'].schema.enum = ['2022-11-28']),
    expected: each(
      'enum-values-removed',
      allOperations.map((operation) => ({ operation, location: 'parameters/header/X-GitHub-Api-Version/schema/enum' })),
    ),
  },
  {
    name: 'an added enum value in a response (a client may not know it)',
    change: (next) => schemas(next)['scoped-installation'].properties.repository_selection.enum.push('none'),
    expected: each('enum-values-added', authorizationResponses('properties/installation/anyOf/1/properties/repository_selection/enum')),
  },
  {
    name: 'a removed status code',
    change: (next) => delete next.paths['/applications/grants'].get.responses['404'],
    expected: [{ rule: 'response-removed', operation: op.listGrants, location: 'responses/404' }],
  },
  {
    name: 'a removed response header',
    change: (next) => delete next.paths['/authorizations'].post.responses['201'].headers.Location,
    expected: [{ rule: 'response-header-removed', operation: op.createAuthorization, location: 'responses/201/headers/Location' }],
  },
  {
    name: 'a removed response media type',
    change: (next) => {
      const content = next.paths['/applications/grants/{grant_id}'].get.responses['200'].content;
      content['application/vnd.github+json'] = content['application/json'];
      delete content['application/json'];
    },
    expected: [{ rule: 'media-type-removed', operation: op.getGrant, location: 'responses/200/content/application/vnd.github+json' }],
  },
  {
    name: 'a renamed path parameter (a client sends the old name)',
    change: (next) => {
      next.paths['/applications/grants/{id}'] = next.paths['/applications/grants/{grant_id}'];
      delete next.paths['/applications/grants/{grant_id}'];
      next.paths['/applications/grants/{id}'].parameters[0] = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
    },
    expected: ['GET', 'DELETE'].flatMap((method) => [
      { rule: 'parameter-removed', operation: `${method} /applications/grants/{id}`, location: 'parameters/path/grant_id' },
      { rule: 'parameter-became-required', operation: `${method} /applications/grants/{id}`, location: 'parameters/path/id' },
    ]),
  },
  {
    name: 'a changed server URL (the whole document)',
    change: (next) => (next.servers[0].url = '{protocol}://{hostname}/api/v4'),
    expected: [{ rule: 'server-removed', operation: '(whole document)', location: 'servers/0/url' }],
  },
];

const nonBreakingCases: Case[] = [
  {
    name: 'a new optional request field',
    change: (next) => (schemas(next)['create-authorization-request'].properties.expires_at = { type: 'string' }),
    expected: [{ rule: 'property-added', operation: op.createAuthorization, location: requestBody('properties/expires_at') }],
  },
  {
    name: 'a new response field',
    change: (next) => (schemas(next).authorization.properties.last_used_at = { type: 'string', format: 'date-time' }),
    expected: each('property-added', authorizationResponses('properties/last_used_at')),
  },
  {
    name: 'a new operation',
    change: (next) => (next.paths['/applications/grants'].post = { operationId: 'oauth-authorizations/create-grant', responses: { 204: { description: 'No content.' } } }),
    expected: [{ rule: 'operation-added', operation: 'POST /applications/grants', location: '' }],
  },
  {
    name: 'a new optional parameter',
    change: (next) => next.paths['/applications/grants'].get.parameters.push({ name: 'since', in: 'query', schema: { type: 'string' } }),
    expected: [{ rule: 'parameter-added', operation: op.listGrants, location: 'parameters/query/since' }],
  },
  {
    name: 'a new status code',
    change: (next) => (next.paths['/applications/grants'].get.responses['500'] = { description: 'Server error.' }),
    expected: [{ rule: 'response-added', operation: op.listGrants, location: 'responses/500' }],
  },
  {
    name: 'an added enum value in a request',
    change: (next) => parameters(next)['x-github-api-version'].schema.enum.push('2026-03-10'),
    expected: each(
      'enum-changed',
      allOperations.map((operation) => ({ operation, location: 'parameters/header/X-GitHub-Api-Version/schema/enum' })),
    ),
  },
  {
    name: 'a removed enum value in a response (the server sends less)',
    change: (next) => (schemas(next)['scoped-installation'].properties.repository_selection.enum = ['all']),
    expected: each('enum-changed', authorizationResponses('properties/installation/anyOf/1/properties/repository_selection/enum')),
  },
  {
    name: 'a request field no longer required',
    change: (next) => delete schemas(next)['get-or-create-authorization-for-app-request'].required,
    expected: [{ rule: 'required-changed', operation: op.getOrCreateAuthorizationForApp, location: requestBody('required') }],
  },
  {
    name: 'a response field newly guaranteed',
    change: (next) => schemas(next).authorization.required.push('expires_at'),
    expected: each('required-changed', authorizationResponses('required')),
  },
  {
    name: 'a widened request type (it gained null)',
    change: (next) => (schemas(next)['create-authorization-request'].properties.note.type = ['string', 'null']),
    expected: [{ rule: 'type-changed', operation: op.createAuthorization, location: requestBody('properties/note/type') }],
  },
  {
    name: 'a loosened request constraint (maxLength removed)',
    change: (next) => delete schemas(next)['create-authorization-request'].properties.client_id.maxLength,
    expected: [{ rule: 'max-length-changed', operation: op.createAuthorization, location: requestBody('properties/client_id/maxLength') }],
  },
  {
    name: 'a tightened response constraint (the server promises more)',
    change: (next) => (schemas(next).authorization.properties.token.maxLength = 100),
    expected: each('max-length-changed', authorizationResponses('properties/token/maxLength')),
  },
  {
    name: 'a changed description',
    change: (next) => (schemas(next).authorization.properties.token.description = 'The token.'),
    expected: each('description-changed', authorizationResponses('properties/token/description')),
  },
  {
    name: 'a changed summary',
    change: (next) => (next.paths['/applications/grants'].get.summary = 'List grants'),
    expected: [{ rule: 'summary-changed', operation: op.listGrants, location: 'summary' }],
  },
  {
    name: 'a changed example payload',
    change: (next) => (next.components.examples['get-grant-200'].value.id = 2),
    expected: [{ rule: 'example-changed', operation: op.getGrant, location: 'responses/200/content/application/json/examples/get-grant-200/value' }],
  },
  {
    name: "a changed schema's examples",
    change: (next) => (schemas(next)['validation-error'].properties.message.examples = ['Validation failed']),
    expected: each(
      'examples-changed',
      [op.createAuthorization, op.getOrCreateAuthorizationForApp, op.getOrCreateAuthorizationForAppAndFingerprint, op.updateAuthorization].map((operation) => ({
        operation,
        location: 'responses/422/content/application/json/schema/properties/message/examples',
      })),
    ),
  },
];

describe('npm run diff: breaking changes (exit code 1)', { timeout: 120_000 }, () => {
  it.each(breakingCases)('$name', async (testCase) => {
    const { code, stderr, report } = await outcome(testCase);
    expect(stderr).toBe('');
    expect(sorted(report.breaking.map(placed))).toEqual(sorted(testCase.expected));
    for (const item of report.breaking) expect(item.message).toMatch(/\S/);
    expect(code).toBe(1);
  });
});

describe('npm run diff: non-breaking changes (exit code 0)', { timeout: 120_000 }, () => {
  it.each(nonBreakingCases)('$name', async (testCase) => {
    const { code, stderr, report } = await outcome(testCase);
    expect(stderr).toBe('');
    expect(report.breaking).toEqual([]);
    expect(sorted(report.nonBreaking.map(placed))).toEqual(sorted(testCase.expected));
    for (const item of report.nonBreaking) expect(item.message).toMatch(/\S/);
    expect(code).toBe(0);
  });
});

// authorization-scopes serves request bodies only; point the authorization response at it too.
const shareScopes = (document: any) => (schemas(document).authorization.properties.scopes = { $ref: '#/components/schemas/authorization-scopes' });
const directionCases = {
  narrowedShared: { before: shareScopes, change: (next: any) => (schemas(next)['authorization-scopes'].type = 'array') },
  widenedShared: { before: shareScopes, change: (next: any) => (schemas(next)['authorization-scopes'].type = ['array', 'null', 'string']) },
  inlinedRef: {
    change: (next: any) => {
      const media = next.paths['/applications/grants/{grant_id}'].get.responses['200'].content['application/json'];
      media.schema = structuredClone(schemas(next)['application-grant']);
    },
  },
  recursive: {
    before: (old: any) => (schemas(old)['simple-user'].properties.friend = { $ref: '#/components/schemas/simple-user' }),
    change: (next: any) => {
      schemas(next)['simple-user'].properties.friend = { $ref: '#/components/schemas/simple-user' };
      delete schemas(next)['simple-user'].properties.site_admin;
    },
  },
};
for (const testCase of [...breakingCases, ...nonBreakingCases, ...Object.values(directionCases)]) start(testCase, testCase);

describe('npm run diff: direction through shared $refs', { timeout: 120_000 }, () => {
  it('a schema narrowed where requests and responses share it breaks the requests only', async () => {
    const { code, report } = await outcome(directionCases.narrowedShared);
    expect(sorted(report.breaking.map(placed))).toEqual(sorted(each('schema-type-changed', scopesRequests('/type'))));
    expect(sorted(report.nonBreaking.map(placed))).toEqual(sorted(each('type-changed', authorizationResponses('properties/scopes/type'))));
    expect(code).toBe(1);
  });

  it('a schema widened where requests and responses share it breaks the responses only', async () => {
    const { code, report } = await outcome(directionCases.widenedShared);
    expect(sorted(report.breaking.map(placed))).toEqual(sorted(each('schema-type-changed', authorizationResponses('properties/scopes/type'))));
    expect(sorted(report.nonBreaking.map(placed))).toEqual(sorted(each('type-changed', scopesRequests('/type'))));
    expect(code).toBe(1);
  });

  it('an inlined $ref with the same shape is no change at all', async () => {
    const { code, report } = await outcome(directionCases.inlinedRef);
    expect(report).toMatchObject({ breaking: [], nonBreaking: [] });
    expect(code).toBe(0);
  });

  it('a change inside a recursive schema is found, and the walk ends', async () => {
    const { code, report } = await outcome(directionCases.recursive);
    expect(report.breaking.map((item) => item.rule)).toContain('property-removed');
    expect(report.breaking.map((item) => item.location)).toContain('responses/200/content/application/json/schema/items/properties/user/anyOf/1/properties/site_admin');
    expect(code).toBe(1);
  });
});
