// The operations: every one the docs pages document is in the contract as the pages describe it
// (method, path, title, status codes, parameters and body fields, from test/fixtures/
// seed-operations.json), and every operation of the contract, however many, follows the rules the
// whole API follows (deprecation, Basic credentials, the OTP header, its path parameters).
//
// Status codes: the 3.15 page's list, plus what the contract adds by rule (docs/decisions.md): 401
// wherever the page leaves it out, since every operation needs Basic credentials and the one-time
// password; 404 for an operation on one grant or authorization by its (integer) id.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeToken, operationsOf, pointerOf } from '../../scripts/lib/contract-helpers.js';
import { bundle, errorsFor, resolve } from '../support/contract.js';

interface PageParameter {
  in: 'header' | 'query' | 'path' | 'body';
  name: string;
  type: string;
  required: boolean;
  default?: string;
}
interface PageOperation {
  ghes: string;
  operation: string;
  title: string;
  method: string | null;
  path: string | null;
  apiVersion: string | null;
  statuses: string[];
  parameters: PageParameter[];
}
const pageOperations: PageOperation[] = JSON.parse(readFileSync(new URL('../fixtures/seed-operations.json', import.meta.url), 'utf8'));
// The 3.15 page is the complete one: the 3.16 page lost its status codes and method-and-path lines.
const complete = pageOperations.filter(({ ghes }) => ghes === '3.15');

const contractOperations = operationsOf(bundle).map((entry) => ({ ...entry, operationId: entry.operation.operationId as string }));
const find = (method: string, path: string) => {
  const found = contractOperations.find((entry) => entry.method === method && entry.path === path);
  if (!found) throw new Error(`${method.toUpperCase()} ${path} is not in the contract`);
  return found;
};
/** Path-level and operation-level parameters, resolved, keyed `in:name` (an operation's own wins). */
const parametersOf = ({ item, operation }: { item: any; operation: any }) =>
  new Map<string, any>([...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve).map((p: any) => [`${p.in}:${p.name}`, p]));

/** A schema's type in the pages' words: `integer`, `array of strings or null`, …. */
function pageTypeOf(schema: unknown): string {
  const node = resolve(schema);
  const types: string[] = [node?.type].flat().filter(Boolean);
  const [main, ...more] = types.filter((type) => type !== 'null');
  if (!main || more.length > 0) return JSON.stringify(node);
  const base = main === 'array' ? `array of ${pageTypeOf(node.items)}s` : main;
  return types.includes('null') ? `${base} or null` : base;
}

/** The JSON request body schema of an operation, resolved, or undefined. */
const requestSchemaOf = (operation: any) => resolve(resolve(resolve(operation.requestBody)?.content?.['application/json'])?.schema);

describe('the operations of the docs pages', () => {
  it('the pages name the method and path of each operation (3.15), and list the same parameters on both', () => {
    expect(complete.filter(({ method, path }) => !method || !path).map(({ title }) => title)).toEqual([]);
    const parametersByPage = (ghes: string) => pageOperations.filter((page) => page.ghes === ghes).map(({ operation, parameters }) => ({ operation, parameters }));
    expect(parametersByPage('3.16')).toEqual(parametersByPage('3.15'));
  });

  describe.each(complete)('$operation', (page) => {
    const method = page.method!;
    const path = page.path!;

    it(`is ${method.toUpperCase()} ${path}, with the page's title as its summary`, () => {
      const { operation } = find(method, path);
      expect(operation.operationId).toBe(`oauth-authorizations/${page.operation}`);
      expect(operation.summary).toBe(page.title);
      expect(operation.tags).toEqual([path.startsWith('/applications/grants') ? 'grants' : 'authorizations']);
    });

    it(`answers exactly the status codes of the page (${page.statuses.join(', ')}), plus the additions by rule`, () => {
      const byId = page.parameters.some((parameter) => parameter.in === 'path' && parameter.type === 'integer');
      const expected = new Set([...page.statuses, '401', ...(byId ? ['404'] : [])]);
      expect(Object.keys(find(method, path).operation.responses).sort()).toEqual([...expected].sort());
    });

    it('takes exactly the path and query parameters of the page, with their types, defaults and requiredness', () => {
      const declared = [...parametersOf(find(method, path)).values()].filter((parameter) => parameter.in === 'path' || parameter.in === 'query');
      const asOnThePage = (parameter: any) => ({
        in: parameter.in,
        name: parameter.name,
        type: pageTypeOf(parameter.schema),
        required: parameter.required === true,
        ...(parameter.schema?.default === undefined ? {} : { default: String(parameter.schema.default) }),
      });
      const byName = (a: { in: string; name: string }, b: { in: string; name: string }) => `${a.in}:${a.name}`.localeCompare(`${b.in}:${b.name}`);
      expect(declared.map(asOnThePage).sort(byName)).toEqual(page.parameters.filter((p) => p.in === 'path' || p.in === 'query').sort(byName));
    });

    it('takes exactly the body fields of the page (or no body), with their types, the required ones required', () => {
      const fields = page.parameters.filter((p) => p.in === 'body');
      const schema = requestSchemaOf(find(method, path).operation);
      const inContract = schema && {
        types: Object.fromEntries(
          Object.entries<any>(schema.properties)
            .filter(([, property]) => property !== false)
            .map(([name, property]) => [name, pageTypeOf(property)]),
        ),
        required: [...(schema.required ?? [])].sort(),
      };
      const onThePage =
        fields.length > 0
          ? {
              types: Object.fromEntries(fields.map(({ name, type }) => [name, type])),
              required: fields
                .filter((f) => f.required)
                .map((f) => f.name)
                .sort(),
            }
          : undefined;
      expect(inContract).toEqual(onThePage);
    });

    it(`takes the API version its curl example sends, ${page.apiVersion}`, () => {
      const version = parametersOf(find(method, path)).get('header:X-GitHub-Api-Version');
      expect(version?.schema).toMatchObject({ type: 'string', enum: [page.apiVersion], default: page.apiVersion });
    });
  });
});

describe.each(contractOperations)('$operationId', ({ path, item, operation }) => {
  const parameters = parametersOf({ item, operation });

  it('has a summary, a description and one tag the contract describes', () => {
    expect(operation.summary).toMatch(/\S/);
    expect(operation.description).toMatch(/\S/);
    expect(operation.tags).toHaveLength(1);
    expect(bundle.tags.find((tag: any) => tag.name === operation.tags[0])?.description).toMatch(/\S/);
  });

  it('is deprecated, with the closing-down notice and its removal date', () => {
    expect(operation.deprecated).toBe(true);
    expect(operation.description).toContain('2020-11-13');
    expect(operation.description).toMatch(/web application flow/);
  });

  it('accepts the X-GitHub-OTP header and Basic credentials', () => {
    expect(parameters.get('header:X-GitHub-OTP')?.required).toBe(false);
    expect(operation.security ?? bundle.security).toEqual([{ 'basic-auth': [] }]);
  });

  it('declares exactly the path parameters of its path, each required', () => {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    const declared = [...parameters.values()].filter((parameter) => parameter.in === 'path');
    expect(declared.map((parameter) => parameter.name).sort()).toEqual(names.sort());
    for (const parameter of declared) expect(parameter.required, parameter.name).toBe(true);
  });

  it('answers a 2xx and at least one 4xx', () => {
    const statuses = Object.keys(operation.responses);
    expect(statuses.filter((status) => /^2\d\d$/.test(status))).not.toEqual([]);
    expect(statuses.filter((status) => /^4\d\d$/.test(status))).not.toEqual([]);
  });
});

describe('error and empty answers', () => {
  const answering = (status: string) => contractOperations.filter(({ operation }) => status in operation.responses);

  it.each(contractOperations)('$operationId answers 401, with the X-GitHub-OTP and WWW-Authenticate headers and the otp-required example', ({ operation }) => {
    const unauthorized = resolve(operation.responses['401']);
    expect(Object.keys(unauthorized.headers).sort()).toEqual(['WWW-Authenticate', 'X-GitHub-OTP']);
    expect(Object.keys(unauthorized.content['application/json'].examples)).toEqual(['requires-authentication', 'otp-required']);
  });

  it.each(answering('304'))('$operationId answers 304 without a body', ({ operation }) => {
    const notModified = resolve(operation.responses['304']);
    expect(notModified.description).toMatch(/\S/);
    expect(notModified.content).toBeUndefined();
  });

  it.each(contractOperations.filter(({ method }) => method === 'delete'))('$operationId, a delete, succeeds with 204 alone', ({ operation }) => {
    expect(Object.keys(operation.responses).filter((status) => /^2/.test(status))).toEqual(['204']);
  });

  it.each(answering('204'))('$operationId answers 204 without a body', ({ operation }) => {
    expect(resolve(operation.responses['204']).content).toBeUndefined();
  });
});

describe('security, servers and tags', () => {
  it('uses HTTP Basic only', () => {
    expect(bundle.components.securitySchemes).toEqual({
      'basic-auth': expect.objectContaining({ type: 'http', scheme: 'basic' }),
    });
  });

  it('serves {protocol}://{hostname}/api/v3', () => {
    const [server] = bundle.servers;
    expect(server.url).toBe('{protocol}://{hostname}/api/v3');
    expect(server.variables.protocol).toMatchObject({ enum: ['https', 'http'], default: 'https' });
    expect(server.variables.hostname.default).toBeTruthy();
  });

  it('describes both tags', () => {
    expect(bundle.tags.map((t: any) => t.name)).toEqual(['grants', 'authorizations']);
    for (const t of bundle.tags) expect(t.description).toMatch(/\S/);
  });
});

describe('parameters', () => {
  const listing = complete.filter(({ parameters }) => parameters.some((p) => p.name === 'per_page'));

  it.each(listing)('$path pages with per_page (1..100, 30) and page (1.., 1)', ({ method, path }) => {
    const parameters = parametersOf(find(method!, path!));
    expect(parameters.get('query:per_page')?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 30 });
    expect(parameters.get('query:page')?.schema).toMatchObject({ type: 'integer', minimum: 1, default: 1 });
  });

  it('takes a 20-character client_id in the get-or-create paths', () => {
    const parameters = parametersOf(find('put', '/authorizations/clients/{client_id}/{fingerprint}'));
    expect(parameters.get('path:client_id')?.schema).toMatchObject({ type: 'string', minLength: 20, maxLength: 20 });
    expect(parameters.get('path:fingerprint')?.schema).toMatchObject({ type: 'string' });
  });
});

describe('response headers', () => {
  it.each(complete.filter(({ parameters }) => parameters.some((p) => p.name === 'per_page')))('$path returns a Link header for pagination', ({ method, path }) => {
    expect(find(method!, path!).operation.responses['200'].headers.Link).toBeDefined();
  });

  it.each(complete.filter(({ parameters }) => parameters.some((p) => p.name === 'per_page')))('$path: its Link example pages that list, not another', ({ method, path }) => {
    const link: string = resolve(find(method!, path!).operation.responses['200'].headers.Link).example;
    const urls = [...link.matchAll(/<([^>]+)>/g)].map((match) => new URL(match[1]!));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(`${url.pathname}?${url.searchParams.has('page')}`).toBe(`/api/v3${path}?true`);
  });

  it.each(contractOperations.filter(({ operation }) => '201' in operation.responses))("$operationId returns Location on 201: its example is the 201 example's url", ({ operation }) => {
    const created = resolve(operation.responses['201']);
    const location = resolve(created.headers.Location);
    const [body, ...others] = Object.values<any>(created.content['application/json'].examples).map((example) => resolve(example).value);
    expect(others).toEqual([]);
    expect(location.example).toBe(body.url);
  });

  // The mock answers each documented header with its example.
  const headers = [
    ...new Map(
      contractOperations.flatMap(({ path, method, operation }) =>
        Object.entries<any>(operation.responses).flatMap(([status, response]) => {
          const at = response.$ref ?? pointerOf('paths', path, method, 'responses', status);
          return Object.entries<any>(resolve(response).headers ?? {}).map(([name, header]) => {
            const pointer: string = header.$ref ?? `${at}/headers/${escapeToken(name)}`;
            return [pointer, { name, pointer, header: resolve(header) }] as const;
          });
        }),
      ),
    ).values(),
  ];

  it.each(headers)('$name ($pointer) has an example that its schema accepts', ({ pointer, header }) => {
    expect(header.example).toBeDefined();
    expect(errorsFor(`${pointer}/schema`, header.example)).toEqual([]);
  });

  it('documents the two OTP delivery methods on 401', () => {
    const header = resolve(resolve(bundle.components.responses['requires-authentication']).headers['X-GitHub-OTP']);
    const pattern = new RegExp(header.schema.pattern);
    expect(['required; app', 'required; sms'].every((value) => pattern.test(value))).toBe(true);
    expect(pattern.test('required; carrier-pigeon')).toBe(false);
  });
});
