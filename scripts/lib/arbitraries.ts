// fast-check arbitraries derived from the contract's schemas: valid payloads for any component schema
// (so a field added to openapi/ is generated without touching this file), and mutations of them that
// break them the ways real payloads break. A keyword this file does not know fails loudly instead of
// generating payloads that only look valid. Used by the validator tests and the validation bench.
import fc from 'fast-check';
import { resolveRef } from './contract-helpers.js';

type Schema = Record<string, any> | boolean;

/** Keywords that say nothing about which values are valid. */
const annotations = new Set(['title', 'description', 'examples', 'example', 'default', 'deprecated', 'readOnly', 'writeOnly', 'externalDocs']);
const understood = new Set(['$ref', 'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'format', 'maxLength', 'anyOf', 'allOf']);

function checkKeywords(schema: Record<string, any>): void {
  const unknown = Object.keys(schema).filter((keyword) => !understood.has(keyword) && !annotations.has(keyword));
  if (unknown.length) throw new Error(`arbitraries: no generator for the keyword(s) ${unknown.join(', ')} in ${JSON.stringify(schema).slice(0, 200)}`);
}

// --- formats ---------------------------------------------------------------------------------

/** Valid RFC 3986 URIs: the plain URLs servers send, and the rarer forms full mode also accepts. */
export const uri = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'https://HOSTNAME/api/v3/authorizations/1',
      'http://my-github-app.com',
      'https://docs.github.com/enterprise/rest/enterprise-admin/users#list-personal-access-tokens',
      'https://ghes.example.com:8443/api/v3/users/octocat/received_events',
      'https://ghes.example.com/api/v3/users/octo-cat_2/orgs?page=2&per_page=100',
    ),
  },
  { weight: 2, arbitrary: fc.webUrl() },
  { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 1, arbitrary: fc.webUrl().map((url) => url.toUpperCase()) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'urn:isbn:0451450523',
      'mailto:octocat@github.com',
      'http://[::1]:8080/x',
      'http://192.168.0.1/x?y=1',
      'https://user:pass@host/p',
      'ftp://ftp.example.com/%41',
      'file:///etc/hosts',
      'x:/',
    ),
  },
);

const pad = (number: number, width = 2) => String(number).padStart(width, '0');
const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const monthLength = (year: number, month: number) => (month === 2 ? (isLeap(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!);

/** Valid RFC 3339 date-times, in all the spellings full mode accepts (but no leap second). */
export const dateTime = fc
  .record({
    year: fc.oneof(fc.integer({ min: 1970, max: 2099 }), fc.integer({ min: 0, max: 9999 })),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.[0-9]{1,6}$/)),
    separator: fc.constantFrom('T', 'T', 'T', 't', ' '),
    zone: fc.oneof(
      fc.constantFrom('Z', 'Z', 'Z', 'z'),
      fc
        .record({ sign: fc.constantFrom('+', '-'), hours: fc.integer({ min: 0, max: 23 }), minutes: fc.integer({ min: 0, max: 59 }), colon: fc.constantFrom(':', ':', '') })
        .map(({ sign, hours, minutes, colon }) => `${sign}${pad(hours)}${colon}${pad(minutes)}`),
    ),
  })
  .map(({ year, month, day, hour, minute, second, fraction, separator, zone }) => {
    const validDay = Math.min(day, monthLength(year, month));
    return `${pad(year, 4)}-${pad(month)}-${pad(validDay)}${separator}${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}${zone}`;
  });

const formatted: Record<string, fc.Arbitrary<unknown>> = {
  uri,
  'date-time': dateTime,
  int64: fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.maxSafeInteger()),
  int32: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
};

// --- valid payloads ------------------------------------------------------------------------

/** Free text: mostly ASCII, sometimes any code point (ajv counts maxLength in code points too). */
const texts = new Map<number | undefined, fc.Arbitrary<string>>();
function text(maxLength?: number): fc.Arbitrary<string> {
  // One per length limit: fast-check builds a large lookup table per full-Unicode arbitrary.
  let arbitrary = texts.get(maxLength);
  if (!arbitrary) {
    const limit = maxLength === undefined ? {} : { maxLength };
    arbitrary = fc.oneof({ weight: 3, arbitrary: fc.string(limit) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', ...limit }) });
    texts.set(maxLength, arbitrary);
  }
  return arbitrary;
}

/** An object schema with its allOf parts merged in, and the branches of each anyOf still to choose. */
interface FlatObject {
  properties: Record<string, Schema>;
  required: string[];
  additionalProperties?: Schema;
  choices: Schema[][];
}

// --- mutations -----------------------------------------------------------------------------

const clone = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(clone) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) : value;

/** Values of every JSON type, and numbers that break integer and int64 rules. */
const strangerValues: unknown[] = [null, 0, -1, 1.5, 2 ** 53, '', 'text', true, false, [], {}, ['x'], [null], { id: 1 }];
/** A fresh copy each time, so no two places in a payload share (and later mutate) one object. */
const stranger = (pick: number) => clone(strangerValues[pick % strangerValues.length]);

/** Ways a string field goes wrong: broken date-times and URIs, wrong enum values, lengths. */
const brokenStrings = [
  (s: string) => s.replace(/(Z|[+-]\d\d:?\d\d)$/i, ''), // no timezone
  (s: string) => s.replace(/^(\d{4})-\d\d-\d\d/, '$1-02-30'), // no such day
  (s: string) => s.replace(/^(\d{4})-\d\d-\d\d/, '2023-02-29'), // not a leap year
  (s: string) => s.replace(/^(\d{4})-\d\d-\d\d/, '2024-02-29'), // a leap year: valid
  (s: string) => s.replace(/^(\d{4})-\d\d/, '$1-13'), // no such month
  (s: string) => s.replace(/T\d\d:/, 'T24:'), // no such hour
  (s: string) => s.replace(/T\d\d:\d\d:\d\d/, 'T23:59:60'), // a leap second, valid only at 23:59 UTC
  (s: string) => s.replace(/:\/\//, '//'), // scheme without colon
  (s: string) => s.replace(/^[a-z]+:/i, ''), // no scheme
  (s: string) => `${s} `, // trailing space
  (s: string) => `${s}%zz`, // broken percent-encoding
  (s: string) => `${s}/é`, // non-ASCII in a URI
  (s: string) => s.toUpperCase(),
  (s: string) => s.slice(0, Math.floor(s.length / 2)),
  (s: string) => s + 'x'.repeat(41), // past any maxLength
  () => '',
  () => 'not a url',
  () => 'http:',
  () => 'owner', // not a permission level
  () => 'some', // not a repository selection
  () => '2011-09-06',
  () => '2011-09-06T17:26:27',
];

type Path = Array<string | number>;

/** Every place in the value a mutation can reach: the value itself and each nested member. */
function pathsIn(value: unknown, at: Path = [], found: Path[] = []): Path[] {
  found.push(at);
  if (Array.isArray(value)) for (const [index, item] of value.entries()) pathsIn(item, [...at, index], found);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) pathsIn(item, [...at, key], found);
  return found;
}

interface Mutation {
  where: number;
  how: number;
  pick: number;
}

function mutate(root: unknown, { where, how, pick }: Mutation, knownNames: string[]): unknown {
  const paths = pathsIn(root);
  const path = paths[where % paths.length]!;
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = parentPath.reduce<any>((at, step) => at[step], root);
  const current = path.length === 0 ? root : parent[key!];
  let replacement: unknown;
  switch (how % 5) {
    case 0: // a value of another type
      replacement = stranger(pick);
      break;
    case 1: // an extra null
      replacement = null;
      break;
    case 2: // a string broken the way real ones break
      replacement = typeof current === 'string' ? brokenStrings[pick % brokenStrings.length]!(current) : stranger(pick);
      break;
    case 3: // a member removed (often a required one)
      if (path.length === 0) return root;
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key!];
      return root;
    default: {
      // a member added to the object (or the object around this value): maybe unknown, maybe a
      // second scope key, maybe a response-only field in a request
      const target = current && typeof current === 'object' && !Array.isArray(current) ? current : parent;
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        (target as Record<string, unknown>)[knownNames[pick % knownNames.length]!] = stranger(pick >> 3);
      }
      return root;
    }
  }
  if (path.length === 0) return replacement;
  parent[key!] = replacement;
  return root;
}

// --- per contract ---------------------------------------------------------------------------

/** The arbitraries of one bundled contract (the tests pass the one they test, which a mutation run swaps). */
export function contractArbitraries(bundle: any) {
  const resolve = (node: unknown) => resolveRef(bundle, node);

  function flatten(schema: Record<string, any>, into: FlatObject = { properties: {}, required: [], choices: [] }): FlatObject {
    checkKeywords(schema);
    for (const [name, property] of Object.entries<Schema>(schema.properties ?? {})) {
      // A branch may forbid a property (`false`); two real schemas for one property would need merging.
      if (name in into.properties && property !== false && into.properties[name] !== false) {
        throw new Error(`arbitraries: property ${name} has two schemas to merge`);
      }
      into.properties[name] = property;
    }
    into.required.push(...(schema.required ?? []));
    if ('additionalProperties' in schema) into.additionalProperties = schema.additionalProperties;
    for (const part of schema.allOf ?? []) flatten(resolve(part), into);
    if (schema.anyOf) into.choices.push(schema.anyOf.map(resolve));
    return into;
  }

  function objectArbitrary(schema: Record<string, any>): fc.Arbitrary<unknown> {
    const flat = flatten(schema);
    if (flat.choices.length === 0) return plainObjectArbitrary(flat);
    // Choose one branch of each anyOf and generate the object they make together.
    return fc.tuple(...flat.choices.map((branches) => fc.constantFrom(...branches))).chain((chosen) => {
      const merged: FlatObject = { ...flat, properties: { ...flat.properties }, required: [...flat.required], choices: [] };
      for (const branch of chosen) flatten(branch as Record<string, any>, merged);
      if (merged.choices.length) throw new Error('arbitraries: an anyOf inside an anyOf branch');
      return plainObjectArbitrary(merged);
    });
  }

  function plainObjectArbitrary(flat: FlatObject): fc.Arbitrary<unknown> {
    const properties = Object.entries(flat.properties).filter(([, property]) => property !== false);
    const required = new Set(flat.required);
    const record = fc.record(Object.fromEntries(properties.map(([name, property]) => [name, arbitraryFor(property)])), {
      requiredKeys: properties.map(([name]) => name).filter((name) => required.has(name)),
    });
    if (flat.additionalProperties === false) return record;
    const extra =
      flat.additionalProperties !== undefined && flat.additionalProperties !== true
        ? fc.dictionary(
            fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !(key in flat.properties)),
            arbitraryFor(flat.additionalProperties),
            { maxKeys: 4, noNullPrototype: true },
          )
        : // Responses are open: servers may add fields.
          fc.option(fc.constant({ unknown_field: 'added by a newer server' }), { freq: 10, nil: {} });
    return fc.tuple(record, extra).map(([known, more]) => ({ ...more, ...known }));
  }

  const cache = new Map<Schema, fc.Arbitrary<unknown>>();

  /** Valid values for `schema` (a schema from the bundle, `$ref`s followed). */
  function arbitraryFor(schema: Schema): fc.Arbitrary<unknown> {
    const node = resolve(schema) as Schema;
    if (node === true) return fc.jsonValue();
    if (node === false) throw new Error('arbitraries: no value matches the schema `false`');
    const cached = cache.get(node);
    if (cached) return cached;
    checkKeywords(node);
    let arbitrary: fc.Arbitrary<unknown>;
    if (node.anyOf && !node.type) arbitrary = fc.oneof(...node.anyOf.map((branch: Schema) => arbitraryFor(branch)));
    else if (node.enum) arbitrary = fc.constantFrom(...node.enum);
    else arbitrary = fc.oneof(...[node.type].flat().map((type: string) => arbitraryOfType(type, node)));
    cache.set(node, arbitrary);
    return arbitrary;
  }

  function arbitraryOfType(type: string, schema: Record<string, any>): fc.Arbitrary<unknown> {
    if (schema.format && type !== 'null') {
      const arbitrary = formatted[schema.format];
      if (!arbitrary) throw new Error(`arbitraries: no generator for format ${schema.format}`);
      return arbitrary;
    }
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return fc.integer();
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'string':
        return text(schema.maxLength);
      case 'array':
        return fc.array(arbitraryFor(schema.items ?? true), { maxLength: 4 });
      case 'object':
        return objectArbitrary(schema);
      default:
        throw new Error(`arbitraries: unknown type ${type}`);
    }
  }

  /** Valid payloads for the named component schema. */
  const validPayload = (name: string) => arbitraryFor(bundle.components.schemas[name]);

  /** Property names the schemas use anywhere, so an added key is often one a closed object forbids. */
  const knownNames = [
    ...new Set(
      JSON.stringify(bundle.components.schemas)
        .match(/"[a-z_]+"(?=:)/g)!
        .map((name) => JSON.parse(name) as string),
    ),
  ];

  /** A valid payload broken by one to three mutations (some leave it valid; the test counts them). */
  const mutatedPayload = (name: string) =>
    fc
      .tuple(validPayload(name), fc.array(fc.record({ where: fc.nat(), how: fc.nat(), pick: fc.nat() }), { minLength: 1, maxLength: 3 }))
      .map(([valid, mutations]) => mutations.reduce((value, mutation) => mutate(value, mutation, knownNames), clone(valid)));

  return { arbitraryFor, validPayload, mutatedPayload };
}
