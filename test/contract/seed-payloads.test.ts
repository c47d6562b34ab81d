// Every payload of both seed pages against the contract. Most must validate; the few the contract
// rejects are listed in `decisions`, each with the exact fields it fails on and why. And the
// response schemas require exactly the fields that every payload of theirs has.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractAll, extractAllOperations, seedPages } from '../../scripts/extract-seed-payloads.js';
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
const seeds = new URL('../../../shared/seeds/', import.meta.url);

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
  it('hold every payload of both pages, unchanged', () => {
    expect(existsSync(seeds), `the seed pages are expected at ${seeds.pathname}`).toBe(true);
    expect(fixtures).toEqual(extractAll(seeds.pathname));
  });

  it.each(seedPages)('hold one payload per request body and per response body of the $ghes page', ({ ghes, file }) => {
    const text = readFileSync(new URL(file, seeds), 'utf8');
    const requests = text.match(/ -d '/g)?.length ?? 0;
    const responses = text.match(/^Status: \d{3}\n[[{]/gm)?.length ?? 0;
    expect(fixtures.filter((f) => f.ghes === ghes)).toHaveLength(requests + responses);
    expect(requests + responses).toBe(12);
  });

  it('hold every operation of both pages, unchanged', () => {
    const operations = JSON.parse(readFileSync(new URL('../fixtures/seed-operations.json', import.meta.url), 'utf8'));
    expect(operations).toEqual(extractAllOperations(seeds.pathname));
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
    [...all].map(([name, values]) => [name, values.filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value))] as const).filter(([, objects]) => objects.length > 0),
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
