// Requests the way real clients send them: the docs page's own curl commands (with Basic
// credentials, since the page says only Basic works) and GitHub's JS client, @octokit/request.
// Each test is a new user of the simulator, whose data are the contract's examples.
import { readFileSync } from 'node:fs';
import { request } from '@octokit/request';
import { describe, expect, it } from 'vitest';
import { basic, basicFor, callFor, calls, contractErrors, example, freshUser, mockUrl, readJson } from './support/calls.js';

// The GHES 3.15 page's curl commands, as printed (complete: one per operation, each with its
// documented status), from the committed fixture that `npm run check:seeds` checks against the page.
const printed: { operation: string; command: string; status: number }[] = JSON.parse(readFileSync(new URL('../fixtures/seed-curl-commands.json', import.meta.url), 'utf8'));

interface CurlCommand {
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  data?: string;
  documentedStatus: number;
}

/** Each `curl -L \ -X … \ -H "…" \ URL \ -d '…'` command, with the status the page documents next. */
function curlCommands(): CurlCommand[] {
  return printed.map(({ operation, command, status }) => {
    const parts = command.split(' \\ ').map((part) => part.trim());
    const headers = Object.fromEntries(
      parts
        .filter((p) => p.startsWith('-H '))
        .map(
          (p) =>
            p
              .slice(4, -1)
              .split(/: (.*)/s)
              .slice(0, 2)
              .map((s) => s.trim()) as [string, string],
        ),
    );
    const data = parts.find((p) => p.startsWith('-d '))?.slice(4, -1);
    return {
      operation,
      method: parts.find((p) => p.startsWith('-X '))?.slice(3) ?? (data ? 'POST' : 'GET'),
      url: parts.find((p) => p.startsWith('http'))!,
      headers,
      ...(data !== undefined && { data }),
      documentedStatus: status,
    };
  });
}

/** The page's URL on the mock, its placeholders filled in. */
const onMock = (url: string) => url.replace('http(s)://HOSTNAME', mockUrl()).replace('GRANT_ID', '1').replace('AUTHORIZATION_ID', '1').replace('FINGERPRINT', 'jklmnop12345678');

/** What curl puts on the wire: its own headers, the page's, and a form content type with -d. */
function asCurlSends(command: CurlCommand, authorization: string) {
  return fetch(onMock(command.url), {
    method: command.method,
    headers: {
      'user-agent': 'curl/8.14.1',
      ...Object.fromEntries(Object.entries(command.headers).filter(([name]) => name !== 'Authorization')),
      authorization,
      ...(command.data !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(command.data !== undefined && { body: command.data }),
  });
}

describe("the docs page's curl commands", () => {
  const commands = curlCommands();

  it("are ten, one per operation, with GitHub's headers", () => {
    expect(commands).toHaveLength(10);
    expect(new Set(commands.map((command) => command.operation)).size).toBe(10);
    for (const command of commands) {
      expect(command.headers).toMatchObject({ Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' });
      expect(command.url).toMatch(/^http\(s\):\/\/HOSTNAME\/api\/v3\//);
    }
  });

  // The update example sends add_scopes and remove_scopes together, which the same page forbids;
  // the contract follows the rule (docs/decisions.md, "One scope key per update"), so the mock refuses it.
  const asDocumented = commands.filter((command) => command.operation !== 'update-authorization');

  it.each(asDocumented)('$operation: $method answers the documented $documentedStatus with a contract body', async (command) => {
    const user = basicFor(freshUser('curl'));
    // "Get-or-create" for an app without a fingerprint creates the first time (201): the documented
    // 200 is the answer for the existing token, the second time.
    if (command.operation === 'get-or-create-authorization-for-app') expect((await asCurlSends(command, user)).status).toBe(201);
    const response = await asCurlSends(command, user);
    expect(response.status).toBe(command.documentedStatus);
    if (response.status === 204) return expect(await response.text()).toBe('');
    expect(contractErrors(command.operation, response.status, await readJson(response))).toEqual([]);
  });

  it("update-authorization: the page's two-scope-key body gets 422 naming both keys; one key gets the documented 200", async () => {
    const command = commands.find((c) => c.operation === 'update-authorization')!;
    const refused = await asCurlSends(command, basic);
    const user = basicFor(freshUser('curl'));
    expect(refused.status).toBe(422);
    expect((await readJson(refused)).errors.map((e: any) => e.field).sort()).toEqual(['add_scopes', 'remove_scopes']);

    const oneKey = await asCurlSends({ ...command, data: JSON.stringify(example('update-authorization-request-add-scopes')) }, user);
    expect(oneKey.status).toBe(command.documentedStatus);
    expect(contractErrors(command.operation, 200, await readJson(oneKey))).toEqual([]);
  });

  it.each(commands)('$operation: as printed, with a Bearer token, gets 401 (only Basic works)', async (command) => {
    const response = await asCurlSends(command, command.headers.Authorization!);
    expect(command.headers.Authorization).toBe('Bearer <YOUR-TOKEN>');
    expect(response.status).toBe(401);
  });
});

describe('@octokit/request with Basic credentials', () => {
  const routes: Record<string, [string, Record<string, unknown>]> = {
    'list-grants': ['GET /applications/grants', {}],
    'get-grant': ['GET /applications/grants/{grant_id}', { grant_id: 1 }],
    'delete-grant': ['DELETE /applications/grants/{grant_id}', { grant_id: 1 }],
    'list-authorizations': ['GET /authorizations', { per_page: 30, page: 1 }],
    'create-authorization': ['POST /authorizations', example('create-authorization-request')],
    'get-or-create-authorization-for-app': ['PUT /authorizations/clients/{client_id}', { client_id: 'abcde12345fghij67890', ...example('get-or-create-authorization-for-app-request') }],
    'get-or-create-authorization-for-app-and-fingerprint': [
      'PUT /authorizations/clients/{client_id}/{fingerprint}',
      { client_id: 'abcde12345fghij67890', fingerprint: 'jklmnop12345678', ...example('get-or-create-authorization-for-app-and-fingerprint-request') },
    ],
    'get-authorization': ['GET /authorizations/{authorization_id}', { authorization_id: 1 }],
    'update-authorization': ['PATCH /authorizations/{authorization_id}', { authorization_id: 1, ...example('update-authorization-request-remove-scopes') }],
    'delete-authorization': ['DELETE /authorizations/{authorization_id}', { authorization_id: 1 }],
  };

  describe.each(['', '/api/v3'])('baseUrl <mock>%s', (prefix) => {
    // Octokit warns when an answer carries `Deprecation` (Prism sends it for deprecated operations).
    const warnings: string[] = [];
    const log = { debug: () => {}, info: () => {}, warn: (message: string) => warnings.push(message), error: () => {} };
    const octokit = () => request.defaults({ baseUrl: `${mockUrl()}${prefix}`, headers: { authorization: basicFor(freshUser('octokit')) }, request: { log } });
    // For a new user; get-or-create for the app creates (the seeded authorization has a fingerprint).
    const statusOf = (operation: string) => (operation === 'get-or-create-authorization-for-app' ? 201 : callFor(operation).status);

    it.each(calls)('$operation succeeds, and octokit sees it is deprecated', async ({ operation }) => {
      const [route, parameters] = routes[operation]!;
      warnings.length = 0;
      const response = await octokit()(route, parameters);
      expect(warnings).toEqual([expect.stringMatching(/^\[@octokit\/request\] ".*" is deprecated/)]);
      expect(response.status).toBe(statusOf(operation));
      if (response.status === 204) return expect(response.data ?? '').toBe('');
      expect(contractErrors(operation, response.status, response.data)).toEqual([]);
    });
  });

  it('is answered although it sends what plain Prism refuses: vnd.github.v3+json, and a content type on an empty PATCH', async () => {
    const sent: Request[] = [];
    const observed = request.defaults({
      baseUrl: mockUrl(),
      headers: { authorization: basicFor(freshUser('octokit')) },
      request: {
        log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
        fetch: (url: string, init: RequestInit) => {
          sent.push(new Request(url, init));
          return fetch(url, init);
        },
      },
    });
    const response = await observed('PATCH /authorizations/{authorization_id}', { authorization_id: 1 });
    expect(response.status).toBe(200);
    expect(contractErrors('update-authorization', 200, response.data)).toEqual([]);
    expect(sent[0]?.headers.get('accept')).toBe('application/vnd.github.v3+json');
    expect(sent[0]?.headers.get('content-type')).toBe('text/plain;charset=UTF-8');
    expect(await sent[0]?.text()).toBe('');
  });

  it('gets a RequestError whose 422 names the offending field', async () => {
    const octokit = request.defaults({ baseUrl: mockUrl(), headers: { authorization: basic }, request: { log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} } } });
    const failure = await octokit('PUT /authorizations/clients/{client_id}', { client_id: 'abcde12345fghij67890', note: 'no secret' }).catch((error) => error);
    expect(failure.status).toBe(422);
    expect(failure.response.data.errors).toEqual([expect.objectContaining({ field: 'client_secret', code: 'missing_field' })]);
  });
});
