// The ten operations of the seed pages, asserted against the bundle: no more, no fewer.
// `statuses` are the 3.15 page's status list; `added` are the statuses the contract declares beyond
// it (recorded in the decisions): 401 wherever the page leaves it out, since every operation needs
// Basic credentials and the one-time password; 404 for an id that does not exist.
import { describe, expect, it } from 'vitest';
import { bundle, resolve } from '../support/contract.js';

const operations: { method: string; path: string; operationId: string; tag: string; statuses: string[]; added?: string[] }[] = [
  { method: 'get', path: '/applications/grants', operationId: 'oauth-authorizations/list-grants', tag: 'grants', statuses: ['200', '304', '401', '403', '404'] },
  { method: 'get', path: '/applications/grants/{grant_id}', operationId: 'oauth-authorizations/get-grant', tag: 'grants', statuses: ['200', '304', '401', '403'], added: ['404'] },
  { method: 'delete', path: '/applications/grants/{grant_id}', operationId: 'oauth-authorizations/delete-grant', tag: 'grants', statuses: ['204', '304', '401', '403'], added: ['404'] },
  { method: 'get', path: '/authorizations', operationId: 'oauth-authorizations/list-authorizations', tag: 'authorizations', statuses: ['200', '304', '401', '403', '404'] },
  { method: 'post', path: '/authorizations', operationId: 'oauth-authorizations/create-authorization', tag: 'authorizations', statuses: ['201', '304', '401', '403', '410', '422'] },
  { method: 'put', path: '/authorizations/clients/{client_id}', operationId: 'oauth-authorizations/get-or-create-authorization-for-app', tag: 'authorizations', statuses: ['200', '201', '304', '401', '403', '422'] },
  { method: 'put', path: '/authorizations/clients/{client_id}/{fingerprint}', operationId: 'oauth-authorizations/get-or-create-authorization-for-app-and-fingerprint', tag: 'authorizations', statuses: ['200', '201', '422'], added: ['401'] },
  { method: 'get', path: '/authorizations/{authorization_id}', operationId: 'oauth-authorizations/get-authorization', tag: 'authorizations', statuses: ['200', '304', '401', '403'], added: ['404'] },
  { method: 'patch', path: '/authorizations/{authorization_id}', operationId: 'oauth-authorizations/update-authorization', tag: 'authorizations', statuses: ['200', '422'], added: ['401', '404'] },
  { method: 'delete', path: '/authorizations/{authorization_id}', operationId: 'oauth-authorizations/delete-authorization', tag: 'authorizations', statuses: ['204', '304', '401', '403'], added: ['404'] },
];

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const inBundle = Object.entries<any>(bundle.paths).flatMap(([path, item]) =>
  methods.filter((method) => item[method]).map((method) => ({ method, path, item, operation: item[method] })),
);
const find = (method: string, path: string) => {
  const found = inBundle.find((entry) => entry.method === method && entry.path === path);
  if (!found) throw new Error(`${method.toUpperCase()} ${path} is not in the contract`);
  return found;
};
/** Path-level and operation-level parameters, resolved, keyed `in:name`. */
const parametersOf = (method: string, path: string) => {
  const { item, operation } = find(method, path);
  return new Map<string, any>(
    [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve).map((p: any) => [`${p.in}:${p.name}`, p]),
  );
};

describe('the contract has exactly the ten documented operations', () => {
  it('has no operation beyond the table', () => {
    expect(inBundle.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
      operations.map(({ method, path }) => `${method} ${path}`).sort(),
    );
  });

  describe.each(operations)('$operationId', ({ method, path, operationId, tag, statuses: onPage, added = [] }) => {
    const { operation } = find(method, path);
    const statuses = [...onPage, ...added];

    it(`is ${method.toUpperCase()} ${path}, tagged ${tag}`, () => {
      expect(operation.operationId).toBe(operationId);
      expect(operation.tags).toEqual([tag]);
      expect(operation.summary).toMatch(/\S/);
      expect(operation.description).toMatch(/\S/);
    });

    it('answers exactly the status codes of the 3.15 page, plus the recorded additions', () => {
      expect(Object.keys(operation.responses).sort()).toEqual([...statuses].sort());
    });

    it('is deprecated, with the closing-down notice and its removal date', () => {
      expect(operation.deprecated).toBe(true);
      expect(operation.description).toContain('2020-11-13');
      expect(operation.description).toMatch(/web application flow/);
    });

    it('accepts the X-GitHub-OTP header and Basic credentials', () => {
      expect(parametersOf(method, path).get('header:X-GitHub-OTP')?.required).toBe(false);
      expect(operation.security ?? bundle.security).toEqual([{ 'basic-auth': [] }]);
    });

    it('declares every path parameter of its path', () => {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const name of names) expect(parametersOf(method, path).get(`path:${name}`)?.required).toBe(true);
    });

    it('answers 401, with an X-GitHub-OTP header and the otp-required example', () => {
      const unauthorized = resolve(operation.responses['401']);
      expect(unauthorized.headers['X-GitHub-OTP']).toBeDefined();
      expect(Object.keys(unauthorized.content['application/json'].examples)).toEqual(['requires-authentication', 'otp-required']);
    });

    it('answers 304 without a body, where it answers 304', () => {
      if (!statuses.includes('304')) return;
      expect(resolve(operation.responses['304']).content).toBeUndefined();
    });
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
  it.each(['/applications/grants', '/authorizations'])('%s pages with per_page (1..100, 30), page (1.., 1) and filters by client_id', (path) => {
    const parameters = parametersOf('get', path);
    expect(parameters.get('query:per_page')?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 30 });
    expect(parameters.get('query:page')?.schema).toMatchObject({ type: 'integer', minimum: 1, default: 1 });
    expect(parameters.get('query:client_id')?.schema).toMatchObject({ type: 'string' });
  });

  it.each([
    ['/applications/grants/{grant_id}', 'grant_id'],
    ['/authorizations/{authorization_id}', 'authorization_id'],
  ])('%s takes an integer id', (path, name) => {
    expect(parametersOf('get', path).get(`path:${name}`)?.schema).toMatchObject({ type: 'integer' });
  });

  it('takes a 20-character client_id and a fingerprint in the get-or-create paths', () => {
    const parameters = parametersOf('put', '/authorizations/clients/{client_id}/{fingerprint}');
    expect(parameters.get('path:client_id')?.schema).toMatchObject({ type: 'string', minLength: 20, maxLength: 20 });
    expect(parameters.get('path:fingerprint')?.schema).toMatchObject({ type: 'string' });
  });
});

describe('response headers', () => {
  it.each(['/applications/grants', '/authorizations'])('%s returns a Link header for pagination', (path) => {
    expect(find('get', path).operation.responses['200'].headers.Link).toBeDefined();
  });

  it.each(['/applications/grants', '/authorizations'])('%s: its Link example pages that list, not another', (path) => {
    const link: string = resolve(find('get', path).operation.responses['200'].headers.Link).example;
    const urls = [...link.matchAll(/<([^>]+)>/g)].map((match) => new URL(match[1]!));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(`${url.pathname}?${url.searchParams.has('page')}`).toBe(`/api/v3${path}?true`);
  });

  it.each(operations.filter(({ statuses }) => statuses.includes('201')))('$operationId returns Location on 201: its example is the 201 example\'s url', ({ method, path }) => {
    const created = find(method, path).operation.responses['201'];
    const location = resolve(created.headers.Location);
    const [body, ...others] = Object.values<any>(created.content['application/json'].examples).map((example) => resolve(example).value);
    expect(others).toEqual([]);
    expect(location.example).toBe(body.url);
  });

  it('documents the two OTP delivery methods on 401', () => {
    const header = resolve(resolve(bundle.components.responses['requires-authentication']).headers['X-GitHub-OTP']);
    const pattern = new RegExp(header.schema.pattern);
    expect(['required; app', 'required; sms'].every((value) => pattern.test(value))).toBe(true);
    expect(pattern.test('required; carrier-pigeon')).toBe(false);
  });
});
