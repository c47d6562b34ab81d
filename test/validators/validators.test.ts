// The ./validators API: a guard and an assertion for every component schema of the contract, errors
// that name the offending fields, and the docs pages' payloads judged as the contract tests judge them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/validators.js';
import { assertAuthorization, assertValid, InvalidPayloadError, isAuthorization, isValid, validationIssues, type SchemaName } from '../../src/validators.js';
import { validators } from '../../generated/validators.js';
import { validPayloads } from '../fixtures/valid-payloads.js';
import { bundle, errorsFor, resolve } from '../support/contract.js';
import { bodyOf } from '../support/media-types.js';

const schemaNames = Object.keys(bundle.components.schemas) as SchemaName[];
const pascalCase = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_match, _dash, letter: string) => letter.toUpperCase());
const authorization = validPayloads.authorization as Record<string, any>;

/** Catches what `run` throws, or fails when it throws nothing. */
function thrownBy(run: () => void): InvalidPayloadError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPayloadError);
    return error as InvalidPayloadError;
  }
  throw new Error('expected an InvalidPayloadError, nothing was thrown');
}

describe('one validator per component schema', () => {
  it('the generated validators cover exactly the contract’s component schemas', () => {
    expect(Object.keys(validators).sort()).toEqual([...schemaNames].sort());
  });

  it('src/validators.ts exports is* and assert* for exactly those schemas', () => {
    const byName = ['isValid', 'assertValid']; // the generic pair, taking the schema's name
    const named = Object.keys(api).filter((name) => /^(is|assert)[A-Z]/.test(name) && !byName.includes(name));
    const expected = schemaNames.flatMap((name) => [`is${pascalCase(name)}`, `assert${pascalCase(name)}`]);
    expect(named.sort()).toEqual(expected.sort());
  });

  it.each(schemaNames)('is%s and assert%s check %s', (name) => {
    const is = (api as Record<string, any>)[`is${pascalCase(name)}`];
    const assert = (api as Record<string, any>)[`assert${pascalCase(name)}`];
    // No schema of the contract accepts a bare number.
    expect([is(validPayloads[name]), is(42)]).toEqual([true, false]);
    expect(() => assert(validPayloads[name])).not.toThrow();
    expect(() => assert(42)).toThrow(InvalidPayloadError);
  });
});

describe('assert*', () => {
  it('names the offending field and carries the structured list', () => {
    const error = thrownBy(() => assertAuthorization({ ...authorization, app: { ...authorization.app, url: 'http//nope' } }));
    expect(error.message).toBe('Invalid authorization: authorization.app.url: must match format "uri"');
    expect(error.schema).toBe('authorization');
    expect(error.issues).toEqual([
      { field: 'authorization.app.url', pointer: '/app/url', message: 'must match format "uri"', keyword: 'format', params: { format: 'uri' } },
    ]);
    expect(error.name).toBe('InvalidPayloadError');
    expect(error).toBeInstanceOf(Error);
  });

  it('reports every problem, not just the first', () => {
    const { id: _, ...withoutId } = authorization;
    const error = thrownBy(() => assertAuthorization({ ...withoutId, created_at: '2011-09-06T17:26:27', scopes: ['repo', 7] }));
    expect(error.issues.map((issue) => `${issue.field}: ${issue.message}`).sort()).toEqual([
      'authorization.created_at: must match format "date-time"',
      'authorization.id: is required',
      'authorization.scopes[1]: must be string',
    ]);
    expect(error.message).toContain('authorization.id: is required');
    expect(error.message).toContain('authorization.scopes[1]: must be string');
  });

  it('names a field that a request body does not allow', () => {
    const error = thrownBy(() => api.assertCreateAuthorizationRequest({ note: 'n', token: 'ghp_x' }));
    expect(error.message).toBe('Invalid create-authorization-request: createAuthorizationRequest.token: is not allowed');
    expect(error.issues[0]).toMatchObject({ pointer: '/token', keyword: 'additionalProperties' });
  });

  it('names both scope keys of an update that sends two, without the anyOf summary', () => {
    const error = thrownBy(() => api.assertUpdateAuthorizationRequest({ scopes: ['repo'], add_scopes: ['user'] }));
    expect(error.message).toContain('updateAuthorizationRequest.scopes: is not allowed here');
    expect(error.message).toContain('updateAuthorizationRequest.add_scopes: is not allowed here');
    expect(error.message).not.toContain('anyOf');
    expect(error.issues.some((issue) => issue.keyword === 'anyOf')).toBe(true);
  });

  it('names keys that are not identifiers, and the value itself', () => {
    expect(thrownBy(() => api.assertInstallationPermissions({ 'pull-requests': 'owner' })).message).toBe(
      'Invalid installation-permissions: installationPermissions["pull-requests"]: must be equal to one of the allowed values',
    );
    expect(thrownBy(() => assertAuthorization(null)).message).toBe('Invalid authorization: authorization: must be object');
  });

  it('lists ten problems in the message and counts the rest', () => {
    const error = thrownBy(() => assertAuthorization({}));
    expect(error.issues).toHaveLength(12);
    expect(error.message).toMatch(/; and 2 more$/);
    expect(error.message.split('; ').length).toBe(11);
  });
});

describe('is*', () => {
  it('takes only the value, so it works as an array callback', () => {
    const list = [authorization, { ...authorization, id: 'one' }, authorization];
    expect(list.filter(isAuthorization)).toEqual([authorization, authorization]);
    expect(list.every(isAuthorization)).toBe(false);
  });

  it('narrows the type', () => {
    const value: unknown = authorization;
    if (!isAuthorization(value)) throw new Error('a valid authorization was rejected');
    expect(value.app.url).toBe(authorization.app.url);
  });
});

describe('by schema name', () => {
  it('isValid, assertValid and validationIssues take any component schema', () => {
    expect(isValid('application-grant', validPayloads['application-grant'])).toBe(true);
    expect(validationIssues('application-grant', validPayloads['application-grant'])).toEqual([]);
    expect(validationIssues('basic-error', {}).map((issue) => issue.field)).toEqual(['basicError.message']);
    expect(() => assertValid('basic-error', { message: 'Not Found' })).not.toThrow();
  });

  it('refuses a name that is not a schema, listing the schemas', () => {
    expect(() => isValid('toString' as SchemaName, {})).toThrow(/No schema named "toString"; the schemas are: .*authorization/);
  });
});

describe('the docs pages’ payloads', () => {
  const seedPayloads: Array<{ ghes: string; operation: string; body: string; payload: unknown }> = JSON.parse(
    readFileSync(new URL('../fixtures/seed-payloads.json', import.meta.url), 'utf8'),
  );
  // The schema of each body, or of each item of a list body.
  const cases = seedPayloads.map(({ ghes, operation, body, payload }) => {
    const schema = resolve({ $ref: bodyOf(operation, body).schemaPointer });
    const item = schema.type === 'array' ? schema.items.$ref : undefined;
    const pointer: string = item ?? bodyOf(operation, body).schemaPointer;
    return { where: `${ghes} ${operation} ${body}`, name: pointer.split('/').pop() as SchemaName, pointer, values: item ? (payload as unknown[]) : [payload] };
  });

  it.each(cases)('$where: the same verdict as the contract tests', ({ name, pointer, values }) => {
    for (const value of values) {
      const referenceValid = errorsFor(pointer, value).length === 0;
      expect(isValid(name, value)).toBe(referenceValid);
      expect(validationIssues(name, value).length === 0).toBe(referenceValid);
    }
  });
});
