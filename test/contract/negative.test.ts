// What each schema rejects. The generic cases are derived from the schemas themselves (every
// required field, every property's type), so a new field is covered as soon as it is added.
import { describe, expect, it } from 'vitest';
import { bundle, errorsFor, offendingFields, resolve, schemaPointer } from '../support/contract.js';
import { strayHandWritten, validPayloads } from '../support/payloads.js';

const schemaNames = Object.keys(bundle.components.schemas);
const objectSchemas = schemaNames.filter((name) => bundle.components.schemas[name].properties);

/** The JSON types a property schema allows (following $ref, type lists and anyOf/oneOf). */
function allowedTypes(schema: any): Set<string> {
  const node = resolve(schema);
  if (node === false) return new Set();
  const branches = node.anyOf ?? node.oneOf;
  if (branches) return new Set(branches.flatMap((branch: any) => [...allowedTypes(branch)]));
  return new Set([node.type].flat());
}

const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value);

/** A value of a type the property does not allow (an integer also satisfies `number`). */
function wrongValueFor(schema: any): unknown {
  const allowed = allowedTypes(schema);
  return [true, 12345, 'text', { unexpected: 1 }, ['text']].find((value) => {
    const type = jsonType(value);
    return !allowed.has(type) && !(type === 'integer' && allowed.has('number'));
  });
}

const fields = (pointer: string, value: unknown) => offendingFields(errorsFor(pointer, value));
const without = (payload: any, field: string) => {
  const { [field]: _, ...rest } = payload;
  return rest;
};

it('has a valid payload for every component schema (hand-written, or from its examples), and none for a schema it does not have', () => {
  expect(Object.keys(validPayloads).sort()).toEqual([...schemaNames].sort());
  expect(strayHandWritten).toEqual([]);
});

describe.each(schemaNames)('%s', (name) => {
  const pointer = schemaPointer(name);
  const valid: any = validPayloads[name];
  const schema = bundle.components.schemas[name];
  const properties = Object.entries<any>(schema.properties ?? {}).filter(([, property]) => property !== false);

  it('accepts its full valid payload', () => {
    expect(errorsFor(pointer, valid)).toEqual([]);
  });

  it.each((schema.required ?? []) as string[])('rejects a payload without %s, naming it', (field) => {
    expect(fields(pointer, without(valid, field))).toEqual([`/${field}`]);
  });

  it.each(properties.map(([field, property]) => [field, wrongValueFor(property)]))('rejects %s of the wrong type (%j), naming it', (field, wrong) => {
    expect(fields(pointer, { ...valid, [field]: wrong })).toEqual([`/${field}`]);
  });

  it.each(properties.filter(([, property]) => !allowedTypes(property).has('null')).map(([field]) => field))('rejects null for %s', (field) => {
    expect(fields(pointer, { ...valid, [field]: null })).toEqual([`/${field}`]);
  });
});

describe('nullability', () => {
  const authorization: any = validPayloads.authorization;
  it.each(['scopes', 'token_last_eight', 'hashed_token', 'note', 'note_url', 'fingerprint', 'expires_at', 'user', 'installation'])('authorization accepts null %s', (field) => {
    expect(errorsFor(schemaPointer('authorization'), { ...authorization, [field]: null })).toEqual([]);
  });

  it.each(['expires_at', 'user', 'installation'])('authorization may omit %s', (field) => {
    expect(errorsFor(schemaPointer('authorization'), without(authorization, field))).toEqual([]);
  });

  it('application-grant accepts a null user', () => {
    expect(errorsFor(schemaPointer('application-grant'), { ...(validPayloads['application-grant'] as object), user: null })).toEqual([]);
  });
});

describe('formats', () => {
  it.each([
    ['authorization', 'created_at'],
    ['authorization', 'updated_at'],
    ['authorization', 'expires_at'],
    ['application-grant', 'created_at'],
  ])('%s rejects a %s without a timezone', (name, field) => {
    expect(fields(schemaPointer(name), { ...(validPayloads[name] as object), [field]: '2011-09-06T17:26:27' })).toEqual([`/${field}`]);
  });

  it.each([
    ['authorization', 'url'],
    ['authorization', 'note_url'],
    ['application-grant', 'url'],
    ['authorization-app', 'url'],
    ['simple-user', 'avatar_url'],
    ['scoped-installation', 'repositories_url'],
  ])('%s rejects a malformed %s', (name, field) => {
    expect(fields(schemaPointer(name), { ...(validPayloads[name] as object), [field]: 'not a url' })).toEqual([`/${field}`]);
  });

  it('rejects a malformed URL nested in app', () => {
    const authorization: any = validPayloads.authorization;
    expect(fields(schemaPointer('authorization'), { ...authorization, app: { ...authorization.app, url: 'http//nope' } })).toEqual(['/app/url']);
  });

  it('rejects a non-integer id', () => {
    expect(fields(schemaPointer('authorization'), { ...(validPayloads.authorization as object), id: 1.5 })).toEqual(['/id']);
  });
});

describe('enums', () => {
  it.each(['read', 'write', 'admin'])('accepts a permission level of %s', (level) => {
    expect(errorsFor(schemaPointer('installation-permissions'), { contents: level })).toEqual([]);
  });

  it.each(['all', 'selected'])('accepts a repository selection of %s', (selection) => {
    expect(errorsFor(schemaPointer('scoped-installation'), { ...(validPayloads['scoped-installation'] as object), repository_selection: selection })).toEqual([]);
  });

  it('rejects a permission level other than read, write or admin', () => {
    expect(fields(schemaPointer('installation-permissions'), { contents: 'owner' })).toEqual(['/contents']);
  });

  it('rejects a repository selection other than all or selected', () => {
    expect(fields(schemaPointer('scoped-installation'), { ...(validPayloads['scoped-installation'] as object), repository_selection: 'some' })).toEqual(['/repository_selection']);
  });
});

describe('request bodies', () => {
  const update = schemaPointer('update-authorization-request');

  it.each([
    ['scopes', 'add_scopes'],
    ['scopes', 'remove_scopes'],
    ['add_scopes', 'remove_scopes'],
  ])('an update rejects %s together with %s, naming both', (first, second) => {
    expect(fields(update, { [first]: ['repo'], [second]: ['user'], note: 'n' })).toEqual([`/${first}`, `/${second}`].sort());
  });

  it('an update rejects all three scope keys at once', () => {
    expect(fields(update, { scopes: ['repo'], add_scopes: ['gist'], remove_scopes: ['user'] })).toEqual(['/add_scopes', '/remove_scopes', '/scopes']);
  });

  it.each([{ scopes: ['repo'] }, { scopes: null }, { add_scopes: ['repo'] }, { remove_scopes: ['user'] }, { note: 'only a note' }, {}])('an update accepts %j', (body) => {
    expect(errorsFor(update, body)).toEqual([]);
  });

  it.each([
    ['create-authorization-request', 'client_id', 20],
    ['create-authorization-request', 'client_secret', 40],
    ['get-or-create-authorization-for-app-request', 'client_secret', 40],
    ['get-or-create-authorization-for-app-and-fingerprint-request', 'client_secret', 40],
  ] as const)('%s accepts a %s of %i characters and rejects one more', (name, field, length) => {
    const valid = validPayloads[name] as object;
    expect(errorsFor(schemaPointer(name), { ...valid, [field]: 'x'.repeat(length) })).toEqual([]);
    expect(fields(schemaPointer(name), { ...valid, [field]: 'x'.repeat(length + 1) })).toEqual([`/${field}`]);
  });

  it.each(['create-authorization-request', 'get-or-create-authorization-for-app-request', 'get-or-create-authorization-for-app-and-fingerprint-request', 'update-authorization-request'])(
    '%s rejects an unknown field, naming it (a response-only field like token)',
    (name) => {
      expect(fields(schemaPointer(name), { ...(validPayloads[name] as object), token: 'ghu_x' })).toEqual(['/token']);
    },
  );

  it('the fingerprint variant takes its fingerprint from the path, not the body', () => {
    const name = 'get-or-create-authorization-for-app-and-fingerprint-request';
    expect(fields(schemaPointer(name), { ...(validPayloads[name] as object), fingerprint: 'x' })).toEqual(['/fingerprint']);
  });
});

describe('parameters', () => {
  const parameter = (name: string) => `#/components/parameters/${name}/schema`;
  it.each([
    ['per-page', 0, false],
    ['per-page', 1, true],
    ['per-page', 100, true],
    ['per-page', 101, false],
    ['page', 0, false],
    ['page', 1, true],
    ['grant-id', -1, false],
    ['authorization-id', 1.5, false],
    ['client-id', 'x'.repeat(19), false],
    ['client-id', 'x'.repeat(20), true],
    ['client-id', 'x'.repeat(21), false],
    ['x-github-api-version', '2022-11-28', true],
    ['x-github-api-version', '2099-01-01', false],
  ])('%s: %j is %s', (name, value, accepted) => {
    expect(errorsFor(parameter(name), value).length === 0).toBe(accepted);
  });
});

it('covers every object schema with the generic cases', () => {
  expect(objectSchemas.length).toBeGreaterThanOrEqual(12);
});
