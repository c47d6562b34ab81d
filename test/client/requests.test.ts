// What the client sends: method, URL, query, headers and body, for every operation of the contract.
import { describe, expect, it } from 'vitest';
import { exampleExchanges } from '../../scripts/lib/example-exchanges.js';
import { operationTable } from '../../src/index.js';
import { bundle } from '../support/contract.js';
import { baseUrl, createObservedClient, json } from '../support/observed-client.js';

const authorization = { id: 1 }; // the body's shape does not matter to what is sent

describe('every operation', () => {
  // One call per operation of the contract, with its path parameters' examples and its request
  // body's first example (scripts/lib/example-exchanges.js): a new operation is called unasked.
  const exchanges = exampleExchanges(bundle);

  it('has a function on the client for each entry of the operation table, and nothing else', () => {
    const { client } = createObservedClient({});
    expect(Object.keys(client).sort()).toEqual([...Object.keys(operationTable), 'raw'].sort());
    for (const name of Object.keys(operationTable)) expect(typeof client[name as keyof typeof operationTable]).toBe('function');
    expect(exchanges.map(({ name }) => name)).toEqual(Object.keys(operationTable));
  });

  it.each(exchanges)('$name sends $method $path with its parameters and body', async ({ name, method, path, pathParameters, url, body }) => {
    const { client, requests } = createObservedClient({}, () => json(200, authorization));
    const call = client[name as keyof typeof operationTable] as (request: unknown) => Promise<unknown>;
    await call({ params: { path: pathParameters }, ...(body === undefined ? {} : { body }) });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect({ method: request!.method, url: request!.url }).toEqual({ method: method.toUpperCase(), url: `${baseUrl}${url}` });
    // The method and path come from the generated table, which comes from the contract.
    expect(operationTable[name as keyof typeof operationTable]).toEqual({ method, path });
    if (body === undefined) {
      expect(request!.body).toBe('');
      expect(request!.headers['content-type']).toBeUndefined();
    } else {
      expect(JSON.parse(request!.body)).toEqual(body);
      expect(request!.headers['content-type']).toBe('application/json');
    }
  });

  it('fills in and percent-encodes path parameters, e.g. get-or-create with a fingerprint', async () => {
    const { client, requests } = createObservedClient({}, () => json(200, authorization));
    await client.getOrCreateAuthorizationForAppAndFingerprint({
      params: { path: { client_id: 'abcde12345fghij67890', fingerprint: 'jklmnop12345678' } },
      body: { client_secret: 's'.repeat(40) },
    });
    await client.getGrant({ params: { path: { grant_id: 7 } } });
    expect(requests.map(({ method, url }) => `${method} ${url}`)).toEqual([`PUT ${baseUrl}/authorizations/clients/abcde12345fghij67890/jklmnop12345678`, `GET ${baseUrl}/applications/grants/7`]);
  });
});

describe('URLs and query strings', () => {
  it('percent-encodes path parameters', async () => {
    const { client, requests } = createObservedClient({}, () => json(201, authorization));
    await client.getOrCreateAuthorizationForAppAndFingerprint({
      params: { path: { client_id: 'abcde12345fghij67890', fingerprint: 'my laptop/1?x' } },
      body: { client_secret: 'secret' },
    });
    expect(requests[0]!.url).toBe(`${baseUrl}/authorizations/clients/abcde12345fghij67890/my%20laptop%2F1%3Fx`);
  });

  it('serialises every query parameter given, in order, and leaves out the ones not given', async () => {
    const { client, requests } = createObservedClient({});
    await client.listAuthorizations({ params: { query: { per_page: 100, page: 3, client_id: 'a&b=c' } } });
    await client.listAuthorizations();
    expect(requests.map((request) => request.url)).toEqual([`${baseUrl}/authorizations?per_page=100&page=3&client_id=a%26b%3Dc`, `${baseUrl}/authorizations`]);
  });

  it('keeps a trailing slash of baseUrl out of the URL', async () => {
    const { client, requests } = createObservedClient({ baseUrl: 'https://ghes.example.com/api/v3/' });
    await client.listGrants();
    expect(requests[0]!.url).toBe(`${baseUrl}/applications/grants`);
  });

  it('works against a plain-HTTP test instance on a port', async () => {
    const { client, requests } = createObservedClient({ baseUrl: 'http://127.0.0.1:4010' });
    await client.listGrants();
    expect(requests[0]!.url).toBe('http://127.0.0.1:4010/applications/grants');
  });
});

describe('headers', () => {
  it('sends the default Accept and API version, and no credentials when none are given', async () => {
    const { client, requests } = createObservedClient({});
    await client.listGrants();
    expect(requests[0]!.headers).toEqual({ accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' });
  });

  it('adds the user agent and extra headers; extra headers override the defaults', async () => {
    const { client, requests } = createObservedClient({ userAgent: 'my-tool/1.0', headers: { Accept: 'application/json', 'X-Request-Id': 'abc' } });
    await client.listGrants();
    expect(requests[0]!.headers).toEqual({
      accept: 'application/json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'my-tool/1.0',
      'x-request-id': 'abc',
    });
  });

  it('adds headers of one request on top of the client headers', async () => {
    const { client, requests } = createObservedClient({ headers: { 'X-Request-Id': 'abc' } });
    await client.listGrants({ headers: { 'X-Request-Id': 'def', 'If-None-Match': '"etag"' } });
    expect(requests[0]!.headers).toMatchObject({ 'x-request-id': 'def', 'if-none-match': '"etag"' });
  });

  it('never follows redirects (every request is sent with redirect: manual)', async () => {
    const { client, requests } = createObservedClient({ username: 'octocat', password: 'secret' }, () => json(201, authorization));
    await client.listGrants();
    await client.createAuthorization({ body: { note: 'x' } });
    expect(requests.map((request) => request.redirect)).toEqual(['manual', 'manual']);
  });
});

describe('results', () => {
  it('resolves with the status, the parsed body and the headers', async () => {
    const { client } = createObservedClient({}, () => json(201, authorization, { Location: `${baseUrl}/authorizations/1` }));
    const result = await client.createAuthorization({ body: { note: 'x' } });
    expect(result.status).toBe(201);
    expect(result.data).toEqual(authorization);
    expect(result.headers.get('Location')).toBe(`${baseUrl}/authorizations/1`);
  });

  it.each([200, 201])('tells an existing token (200) from a new one (201) in get-or-create: %i', async (status) => {
    const { client } = createObservedClient({}, () => json(status, authorization));
    const result = await client.getOrCreateAuthorizationForApp({ params: { path: { client_id: 'abcde12345fghij67890' } }, body: { client_secret: 'x' } });
    expect(result.status).toBe(status);
  });

  it('resolves a 204 delete with no data', async () => {
    const { client } = createObservedClient({}, () => new Response(null, { status: 204 }));
    await expect(client.deleteAuthorization({ params: { path: { authorization_id: 1 } } })).resolves.toMatchObject({ status: 204, data: undefined });
    await expect(client.deleteGrant({ params: { path: { grant_id: 1 } } })).resolves.toMatchObject({ status: 204, data: undefined });
  });

  it('passes an abort signal through', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by the caller'));
    const { client } = createObservedClient({}, (request) => {
      request.signal.throwIfAborted();
      return json(200, []);
    });
    await expect(client.listGrants({ signal: controller.signal })).rejects.toThrow('stopped by the caller');
  });
});
