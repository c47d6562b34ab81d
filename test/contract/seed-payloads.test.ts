// Every payload of both seed pages against the contract. Most must validate; the few the contract
// rejects are listed in `decisions`, each with the exact fields it fails on and why. And the
// response schemas require exactly the fields that every payload of theirs has. The payloads come
// from the committed fixture; `npm run check:seeds` checks it against the pages themselves.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedPages } from '../../scripts/tools/extract-seed-payloads.js';
import { errorsFor, offendingFields, resolve } from '../support/contract.js';
import { collectInstances, type Instances } from '../support/instances.js';
import { bodyOf } from '../support/media-types.js';

interface SeedPayload {
  ghes: string;
  operation: string;
  body: string;
  payload: unknown;
}
const fixtures: SeedPayload[] = JSON.parse(readFileSync(new URL('../fixtures/seed-payloads.json', import.meta.url), 'utf8'));

// A real server sends URLs in `url` and `app.url`: the 3.15 page shows them, and GitHub's published
// schema makes them URIs. The 3.16 page shows "" in exactly those places (and lost its status
// codes too): a rendering loss, not a server that sends empty strings. So "" is rejected there.
const blankUrlOn316 = 'the 3.16 page renders these URLs as ""; real servers send URLs (decision: keep format uri)';
// The page says only one of scopes/add_scopes/remove_scopes may be sent, yet its own example sends
// two. The rule wins; the example is split into two valid named examples in the contract.
const twoScopeKeys = 'the page allows one scope key per update; its example sends add_scopes and remove_scopes';

const decisions: Record<string, { fields: string[]; why: string }> = {
  '3.15 update-authorization request': { fields: ['/add_scopes', '/remove_scopes'], why: twoScopeKeys },
  '3.16 update-authorization request': { fields: ['/add_scopes', '/remove_scopes'], why: twoScopeKeys },
  '3.16 list-grants 200': { fields: ['/0/app/url'], why: blankUrlOn316 },
  '3.16 get-grant 200': { fields: ['/app/url'], why: blankUrlOn316 },
  '3.16 list-authorizations 200': { fields: ['/0/app/url', '/0/url'], why: blankUrlOn316 },
  '3.16 create-authorization 201': { fields: ['/app/url'], why: blankUrlOn316 },
  '3.16 get-or-create-authorization-for-app 200': { fields: ['/app/url'], why: blankUrlOn316 },
  '3.16 get-or-create-authorization-for-app-and-fingerprint 200': { fields: ['/app/url'], why: blankUrlOn316 },
  '3.16 get-authorization 200': { fields: ['/app/url'], why: blankUrlOn316 },
  '3.16 update-authorization 200': { fields: ['/app/url'], why: blankUrlOn316 },
};

const keyOf = ({ ghes, operation, body }: SeedPayload) => `${ghes} ${operation} ${body}`;

describe('seed fixtures', () => {
  // Each page prints 12 bodies: 4 requests (create, the two get-or-creates, update) and 8 JSON
  // responses (the deletes answer 204, empty).
  it.each(seedPages)('hold the 12 payloads of the $ghes page, 4 requests and 8 responses, once each', ({ ghes }) => {
    const page = fixtures.filter((f) => f.ghes === ghes);
    expect(page.filter((f) => f.body === 'request')).toHaveLength(4);
    expect(page.filter((f) => f.body !== 'request')).toHaveLength(8);
    expect(new Set(page.map(keyOf)).size).toBe(12);
  });

  it('name only payloads that exist', () => {
    expect(Object.keys(decisions).filter((key) => !fixtures.some((f) => keyOf(f) === key))).toEqual([]);
  });
});

describe.each(fixtures.map((fixture) => ({ ...fixture, key: keyOf(fixture) })))('$key', (fixture) => {
  const decision = decisions[fixture.key];
  const { schemaPointer } = bodyOf(fixture.operation, fixture.body);

  if (decision) {
    it(`is rejected on exactly ${decision.fields.join(', ')} (${decision.why})`, () => {
      expect(offendingFields(errorsFor(schemaPointer, fixture.payload))).toEqual(decision.fields);
    });
  } else {
    it('is valid', () => {
      expect(errorsFor(schemaPointer, fixture.payload)).toEqual([]);
    });
  }
});

describe('the response schemas of the payloads', () => {
  const all: Instances = new Map();
  for (const fixture of fixtures.filter(({ body }) => body !== 'request')) collectInstances({ $ref: bodyOf(fixture.operation, fixture.body).schemaPointer }, fixture.payload, all);
  // The objects, by schema (a list body is an instance of its array schema too, when that is a component).
  const instances = new Map(
    [...all]
      .map(([name, values]) => [name, values.filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value))] as const)
      .filter(([, objects]) => objects.length > 0),
  );
  const schemas = [...instances.keys()].sort();

  it('cover the objects of every response payload', () => {
    expect(schemas).toEqual(['application-grant', 'authorization', 'authorization-app']);
  });

  it.each(schemas)('%s requires exactly the fields that every payload of it has', (name) => {
    const everywhere = Object.keys(instances.get(name)![0]!).filter((key) => instances.get(name)!.every((instance) => key in instance));
    expect([...(resolve({ $ref: `#/components/schemas/${name}` }).required ?? [])].sort()).toEqual(everywhere.sort());
  });

  it.each(schemas)('%s declares every field its payloads have', (name) => {
    const { properties } = resolve({ $ref: `#/components/schemas/${name}` });
    const fields = new Set(instances.get(name)!.flatMap((instance) => Object.keys(instance)));
    expect([...fields].filter((field) => !(field in properties))).toEqual([]);
  });
});
