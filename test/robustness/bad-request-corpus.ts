// The bad-request corpus: malformed requests no client should send, as data, grouped by what is
// wrong. Each names the 4xx the mock must answer and what its JSON message must mention, so a
// vague "Bad Request" fails. Cases fetch can express are sent with fetch (with valid credentials
// and GitHub's headers, so only the named problem is wrong); the rest go over a raw socket.
// test/mock/errors.test.ts and test/mock/malformed.test.ts hold the cases this corpus leaves out.
import { gzipSync } from 'node:zlib';
import { expect } from 'vitest';
import { maxPipelined } from '../../src/server/connection-limits.js';
import { maxPreferLength } from '../../src/simulator/prefer.js';
import { basic } from '../mock/support/calls.js';
import type { RawAnswer } from '../support/raw-http.js';

export interface FetchRequest {
  method: string;
  path: string;
  /** Added to (or replacing) the valid defaults: Basic credentials, GitHub's Accept and API version, JSON content type. */
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

export interface RawRequest {
  /** Sent as is, one byte per character. */
  bytes: string;
  /** Half-close after sending: the client is done, whatever the framing promised. */
  halfClose?: boolean;
}

export interface BadRequest {
  name: string;
  send: { fetch: FetchRequest } | { raw: RawRequest };
  status: number;
  /** Matched against the answer's message, with each listed error's field and message. */
  mentions: RegExp;
  /** More to check on the answer. */
  check?: (answer: RawAnswer) => void;
  /**
   * Sent to a strict simulator (`strict: true`): the contract refuses it, GitHub took it (an unknown field is
   * ignored), so only the strict simulator answers the 4xx.
   */
  strict?: true;
}

const clientId = 'abcde12345fghij67890';
const json = (value: unknown) => JSON.stringify(value);
const post = (path: string, body: string | Uint8Array<ArrayBuffer>, headers?: Record<string, string>): { fetch: FetchRequest } => ({
  fetch: { method: 'POST', path, body, ...(headers && { headers }) },
});
const put = (path: string, body: string | Uint8Array<ArrayBuffer>): { fetch: FetchRequest } => ({ fetch: { method: 'PUT', path, body } });
const patch = (path: string, body: string): { fetch: FetchRequest } => ({ fetch: { method: 'PATCH', path, body } });
const call = (method: string, path: string, headers?: Record<string, string>): { fetch: FetchRequest } => ({ fetch: { method, path, ...(headers && { headers }) } });
const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => [...new TextEncoder().encode(text)];

/**
 * A raw HTTP/1.1 request: the request line, `Host` and Basic credentials (unless left out), the
 * header lines, a blank line, then the body.
 */
function raw(requestLine: string, headerLines: string[] = [], body = '', { host = true, auth = true, halfClose = false } = {}): { raw: RawRequest } {
  const head = [requestLine, ...(host ? ['Host: localhost'] : []), ...(auth ? [`Authorization: ${basic}`] : []), ...headerLines];
  return { raw: { bytes: `${head.join('\r\n')}\r\n\r\n${body}`, halfClose } };
}

/** A 422 for thousands of problems lists the first 20 and says there are more, in a small answer. */
function firstTwentyAndMore(answer: RawAnswer) {
  const { errors } = JSON.parse(answer.body);
  expect(errors).toHaveLength(21);
  expect(errors.slice(0, 20).every((error: { field?: string }) => error.field)).toBe(true);
  expect(errors[20]).toEqual({ resource: 'OauthAccess', code: 'custom', message: 'and more problems, not listed: a 422 lists the first 20' });
  expect(answer.body.length).toBeLessThan(5000);
}

/** `code=`, spaces, a quote, spaces, `"x`: `length` characters of the shape a backtracking Prefer pattern choked on. */
export function hostilePrefer(length: number) {
  const spaces = ' '.repeat(Math.floor((length - 8) / 2));
  return `code=${spaces}"${spaces}${length % 2 ? ' ' : ''}"x`;
}
/** A Prefer header is read up to its first `maxPreferLength` characters: a bad code there is named, whatever follows. */
const codeNotAResponse = /Prefer: code=999 is not a response of list-authorizations/;
/** A control request without the header a cross-site page cannot send (src/simulator/control-gate.ts). */
const notFromAPage = /Forbidden: a control request needs the header X-Simulator-Control: 1/;
const noCorsGrant = (answer: RawAnswer) => expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
const rebinding = (host: string) => new RegExp(`Forbidden: Host "${host.replaceAll('.', '\\.')}" is not a name this server answers to .*--allowed-hosts`);

export const corpus: Record<string, BadRequest[]> = {
  'request body fields': [
    {
      name: 'client_secret over 40 characters (create)',
      send: post('/authorizations', json({ client_secret: 's'.repeat(41) })),
      status: 422,
      mentions: /client_secret must NOT have more than 40 characters/,
    },
    {
      name: 'client_secret over 40 characters (for an app)',
      send: put(`/authorizations/clients/${clientId}`, json({ client_secret: 's'.repeat(41) })),
      status: 422,
      mentions: /client_secret must NOT have more than 40/,
    },
    {
      name: 'client_secret of 100,000 characters (for an app and fingerprint)',
      send: put(`/authorizations/clients/${clientId}/fp`, json({ client_secret: 's'.repeat(100_000) })),
      status: 422,
      mentions: /client_secret must NOT have more than 40/,
    },
    {
      name: 'client_secret missing, sent as Client_Secret',
      send: put(`/authorizations/clients/${clientId}/fp`, json({ Client_Secret: 'x' })),
      status: 422,
      mentions: /client_secret: client_secret is required.*Client_Secret ignored \(not a field of this request\)/,
    },
    {
      name: 'client_secret missing, sent as Client_Secret (strict)',
      strict: true,
      send: put(`/authorizations/clients/${clientId}/fp`, json({ Client_Secret: 'x' })),
      status: 422,
      mentions: /client_secret: client_secret is required.*Client_Secret is not a field|Client_Secret is not a field.*client_secret: client_secret is required/,
    },
    // biome-ignore lint/correctness/noPrecisionLoss: a number past 2^53 on purpose, as a client might send one.
    { name: 'client_id a number', send: post('/authorizations', json({ client_id: 12345678901234567890, client_secret: 'x' })), status: 422, mentions: /client_id must be string/ },
    { name: 'client_secret null', send: put(`/authorizations/clients/${clientId}`, json({ client_secret: null })), status: 422, mentions: /client_secret must be string/ },
    { name: 'client_secret a list', send: put(`/authorizations/clients/${clientId}`, json({ client_secret: ['a', 'b'] })), status: 422, mentions: /client_secret must be string/ },
    { name: 'scopes a string, not a list', send: post('/authorizations', json({ scopes: 'repo' })), status: 422, mentions: /scopes must be array/ },
    { name: 'scopes an object', send: post('/authorizations', json({ scopes: { repo: true } })), status: 422, mentions: /scopes must be array/ },
    { name: 'note null', send: post('/authorizations', json({ note: null })), status: 422, mentions: /note must be string/ },
    { name: 'note_url a number', send: post('/authorizations', json({ note_url: 8080 })), status: 422, mentions: /note_url must be string/ },
    { name: 'fingerprint an object', send: post('/authorizations', json({ fingerprint: { device: 'laptop' } })), status: 422, mentions: /fingerprint must be string/ },
    {
      name: 'fingerprint in the body where it belongs in the path (strict)',
      strict: true,
      send: put(`/authorizations/clients/${clientId}/fp`, json({ client_secret: 'x', fingerprint: 'fp' })),
      status: 422,
      mentions: /fingerprint is not a field of this request/,
    },
    {
      name: 'two scope keys: scopes and remove_scopes',
      send: patch('/authorizations/1', json({ scopes: ['repo'], remove_scopes: ['user'] })),
      status: 422,
      mentions: /remove_scopes cannot be sent together with scopes/,
    },
    {
      name: 'all three scope keys',
      send: patch('/authorizations/1', json({ scopes: [], add_scopes: ['repo'], remove_scopes: ['user'] })),
      status: 422,
      mentions: /add_scopes cannot be sent together with remove_scopes, scopes/,
    },
    { name: 'add_scopes a string', send: patch('/authorizations/1', json({ add_scopes: 'repo' })), status: 422, mentions: /add_scopes must be array/ },
    { name: 'add_scopes null (only scopes may be null)', send: patch('/authorizations/1', json({ add_scopes: null })), status: 422, mentions: /add_scopes must be array/ },
    { name: 'remove_scopes holding numbers', send: patch('/authorizations/1', json({ remove_scopes: [1, 2] })), status: 422, mentions: /remove_scopes\.0 must be string/ },
    {
      name: 'a __proto__ key',
      send: post('/authorizations', '{"__proto__":{"note":1}}'),
      status: 422,
      mentions: /note: note is required|missing_field.*__proto__ ignored|__proto__ ignored \(not a field of this request\)/,
    },
    { name: 'a __proto__ key (strict)', strict: true, send: post('/authorizations', '{"__proto__":{"note":1}}'), status: 422, mentions: /__proto__ is not a field of this request/ },
    { name: 'a key given twice, the last of the wrong type', send: post('/authorizations', '{"note":"a","note":5}'), status: 422, mentions: /note must be string/ },
    { name: 'a note nested 100,000 lists deep', send: post('/authorizations', `{"note":${'['.repeat(100_000)}${']'.repeat(100_000)}}`), status: 422, mentions: /note must be string/ },
    { name: 'the body JSON null', send: post('/authorizations', 'null'), status: 422, mentions: /the body must be object/ },
    { name: 'the body a JSON string', send: put(`/authorizations/clients/${clientId}`, '"client_secret"'), status: 422, mentions: /the body must be object/ },
    { name: 'the body a JSON number', send: patch('/authorizations/1', '42'), status: 422, mentions: /the body must be object/ },
  ],

  'body encoding and syntax': [
    { name: 'a trailing comma', send: post('/authorizations', '{"note":"x",}'), status: 400, mentions: /Problems parsing JSON/ },
    { name: 'two JSON values', send: post('/authorizations', '{}{}'), status: 400, mentions: /Problems parsing JSON/ },
    { name: 'a comment', send: post('/authorizations', '{"note":"x" /* why */}'), status: 400, mentions: /Problems parsing JSON/ },
    { name: 'NaN', send: patch('/authorizations/1', '{"note":NaN}'), status: 400, mentions: /Problems parsing JSON/ },
    { name: 'a raw NUL byte inside a JSON string', send: post('/authorizations', '{"note":"a\u0000b"}'), status: 400, mentions: /Problems parsing JSON: Bad control character/ },
    { name: 'a body of one NUL byte', send: post('/authorizations', '\u0000'), status: 400, mentions: /Problems parsing JSON/ },
    {
      name: 'a form-encoded body (Content-Type: application/x-www-form-urlencoded)',
      send: post('/authorizations', 'note=x&scopes=repo', { 'content-type': 'application/x-www-form-urlencoded' }),
      status: 400,
      mentions: /Problems parsing JSON/,
    },
    {
      name: 'a multipart body (Content-Type: multipart/form-data)',
      send: post('/authorizations', '--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--b--\r\n', { 'content-type': 'multipart/form-data; boundary=b' }),
      status: 400,
      mentions: /Problems parsing JSON/,
    },
    { name: 'an XML body (Content-Type: application/xml)', send: post('/authorizations', '<note>x</note>', { 'content-type': 'application/xml' }), status: 400, mentions: /Problems parsing JSON/ },
    { name: 'an overlong UTF-8 encoding (C0 AF)', send: post('/authorizations', bytes(...utf8('{"note":"'), 0xc0, 0xaf, ...utf8('"}'))), status: 400, mentions: /not valid UTF-8/ },
    { name: 'a UTF-8-encoded surrogate (ED A0 80)', send: post('/authorizations', bytes(...utf8('{"note":"'), 0xed, 0xa0, 0x80, ...utf8('"}'))), status: 400, mentions: /not valid UTF-8/ },
    { name: 'a body cut inside a multi-byte character', send: post('/authorizations', bytes(...utf8('{"note":"€"}').slice(0, 11))), status: 400, mentions: /not valid UTF-8/ },
    {
      name: 'a gzip body (Content-Encoding: gzip)',
      send: post('/authorizations', gzipSync('{"note":"x"}'), { 'content-encoding': 'gzip' }),
      status: 415,
      mentions: /Unsupported Content-Encoding "gzip": send the body uncompressed/,
      check: (answer) => expect(answer.headers['accept-encoding']).toBe('identity'),
    },
    { name: 'plain JSON labelled Content-Encoding: br', send: post('/authorizations', '{"note":"x"}', { 'content-encoding': 'br' }), status: 415, mentions: /Unsupported Content-Encoding "br"/ },
    { name: 'a UTF-16 body with its byte-order mark', send: post('/authorizations', bytes(0xff, 0xfe, ...[...'{}'].flatMap((c) => [c.charCodeAt(0), 0]))), status: 400, mentions: /not valid UTF-8/ },
  ],

  'path parameters': [
    { name: 'a negative authorization_id', send: call('GET', '/authorizations/-1'), status: 404, mentions: /authorization_id "-1" must be >= 1/ },
    { name: 'a negative grant_id', send: call('DELETE', '/applications/grants/-7'), status: 404, mentions: /grant_id "-7" must be >= 1/ },
    { name: 'a decimal authorization_id', send: call('GET', '/authorizations/1.5'), status: 404, mentions: /authorization_id "1.5" must be integer/ },
    { name: 'an authorization_id of 2.0 (a whole number, but not digits only)', send: call('GET', '/authorizations/2.0'), status: 404, mentions: /authorization_id "2.0" must be integer/ },
    { name: 'a grant_id of 1.000', send: call('DELETE', '/applications/grants/1.000'), status: 404, mentions: /grant_id "1.000" must be integer/ },
    { name: 'an exponent authorization_id', send: call('PATCH', '/authorizations/1e3'), status: 404, mentions: /authorization_id "1e3" must be integer/ },
    { name: 'a hexadecimal authorization_id', send: call('DELETE', '/authorizations/0x10'), status: 404, mentions: /authorization_id "0x10" must be integer/ },
    { name: 'NaN as authorization_id', send: call('GET', '/authorizations/NaN'), status: 404, mentions: /authorization_id "NaN" must be integer/ },
    { name: 'Infinity as grant_id', send: call('GET', '/applications/grants/Infinity'), status: 404, mentions: /grant_id "Infinity" must be integer/ },
    { name: 'an authorization_id with a leading space', send: call('GET', '/authorizations/%201'), status: 404, mentions: /authorization_id " 1" must be integer/ },
    { name: 'an authorization_id with an encoded slash', send: call('GET', '/authorizations/1%2F2'), status: 404, mentions: /authorization_id "1\/2" must be integer/ },
    { name: 'an authorization_id with an encoded NUL', send: call('GET', '/authorizations/1%00'), status: 404, mentions: /authorization_id "1\\u0000" must be integer/ },
    {
      name: 'an encoded CR LF and Set-Cookie in authorization_id (header injection)',
      send: call('GET', '/authorizations/1%0D%0ASet-Cookie:%20session=evil'),
      status: 404,
      mentions: /authorization_id "1\\r\\nSet-Cookie: session=evil" must be integer/,
      check: (answer) => {
        if ('set-cookie' in answer.headers) throw new Error(`the injected header came back: ${answer.headers['set-cookie']}`);
      },
    },
    {
      name: 'a client_id over 20 characters in the path',
      send: put(`/authorizations/clients/${'c'.repeat(21)}`, json({ client_secret: 'x' })),
      status: 404,
      mentions: /client_id "c{21}" must NOT have more than 20 characters/,
    },
    { name: 'a grant_id of overlong percent-encoded UTF-8', send: call('GET', '/applications/grants/%C0%AF'), status: 404, mentions: /grant_id is not valid percent-encoded UTF-8/ },
    {
      name: 'a client_id of a percent-encoded surrogate',
      send: put('/authorizations/clients/%ED%A0%80', json({ client_secret: 'x' })),
      status: 404,
      mentions: /client_id is not valid percent-encoded UTF-8/,
    },
  ],

  'query parameters': [
    { name: 'an empty per_page', send: call('GET', '/authorizations?per_page='), status: 422, mentions: /per_page must be integer/ },
    { name: 'a per_page of bad percent-encoding', send: call('GET', '/applications/grants?per_page=%FF'), status: 422, mentions: /per_page must be integer/ },
    { name: 'a per_page of 10.0', send: call('GET', '/authorizations?per_page=10.0'), status: 422, mentions: /per_page must be integer/ },
    { name: 'a per_page in exponent notation', send: call('GET', '/authorizations?per_page=1e2'), status: 422, mentions: /per_page must be integer/ },
    { name: 'a negative page', send: call('GET', '/applications/grants?page=-3'), status: 422, mentions: /page must be >= 1/ },
    {
      name: 'page and per_page both zero',
      send: call('GET', '/authorizations?page=0&per_page=0'),
      status: 422,
      mentions: /per_page must be >= 1.*page must be >= 1|page must be >= 1.*per_page must be >= 1/,
    },
  ],

  'methods and paths': [
    { name: 'TRACE (fetch refuses it)', send: raw('TRACE /authorizations HTTP/1.1'), status: 404, mentions: /not TRACE/ },
    { name: 'PROPFIND', send: call('PROPFIND', '/authorizations'), status: 404, mentions: /not PROPFIND/ },
    { name: 'PATCH on a grant', send: patch('/applications/grants/1', json({ note: 'x' })), status: 404, mentions: /\/applications\/grants\/1 serves GET, DELETE, HEAD, OPTIONS, not PATCH/ },
    { name: 'POST to a fingerprint', send: post(`/authorizations/clients/${clientId}/fp`, json({ client_secret: 'x' })), status: 404, mentions: /serves PUT, OPTIONS, not POST/ },
    { name: 'a method Node does not know', send: raw('FROB /authorizations HTTP/1.1'), status: 400, mentions: /method/ },
    { name: 'a lower-case method', send: raw('get /authorizations HTTP/1.1'), status: 400, mentions: /method/ },
    { name: 'a method of 20,000 letters', send: raw(`${'A'.repeat(20_000)} /authorizations HTTP/1.1`), status: 400, mentions: /method/ },
    { name: 'a tab between method and path', send: raw('GET\t/authorizations HTTP/1.1'), status: 400, mentions: /method/ },
    { name: 'a path in capitals', send: call('GET', '/AUTHORIZATIONS'), status: 404, mentions: /no operation at GET \/AUTHORIZATIONS/ },
    { name: 'a doubled slash', send: call('GET', '//authorizations'), status: 404, mentions: /no operation at GET \/\/authorizations/ },
    {
      name: 'dot segments (fetch would resolve them)',
      send: raw('GET /authorizations/../applications/grants HTTP/1.1'),
      status: 404,
      mentions: /no operation at GET \/authorizations\/\.\.\/applications\/grants/,
    },
    { name: 'encoded dot segments (fetch would resolve them too)', send: raw('GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1'), status: 404, mentions: /no operation at GET \/%2e%2e\/%2e%2e\/etc\/passwd/ },
    { name: 'another API version prefix', send: call('GET', '/api/v4/authorizations'), status: 404, mentions: /no operation at GET \/api\/v4\/authorizations/ },
    { name: 'a matrix parameter', send: call('GET', '/authorizations;page=2'), status: 404, mentions: /no operation at GET \/authorizations;page=2/ },
    { name: 'HTTP/2 spoken to an HTTP/1.1 server', send: { raw: { bytes: 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' } }, status: 400, mentions: /speaks HTTP\/1\.1, not HTTP\/2/ },
    { name: 'HTTP version 3.0', send: raw('GET /authorizations HTTP/3.0'), status: 400, mentions: /HTTP version/ },
    { name: 'a space after the HTTP version', send: raw('GET /authorizations HTTP/1.1 '), status: 400, mentions: /version/ },
  ],

  'raw bytes in the request target': [
    { name: 'a raw NUL byte in the path', send: raw('GET /authorizations/1\u0000 HTTP/1.1'), status: 400, mentions: /Invalid char in url path: percent-encode/ },
    { name: 'a raw byte 0xFF in the path', send: raw('GET /authorizations/\xff HTTP/1.1'), status: 400, mentions: /Invalid char in url path: percent-encode .*non-ASCII bytes \(as UTF-8\)/ },
    {
      name: 'UTF-8 sent unencoded in the path',
      send: raw(`GET /authorizations/clients/${clientId}/${Buffer.from('empreinte-é').toString('latin1')} HTTP/1.1`),
      status: 400,
      mentions: /Invalid char in url path: percent-encode/,
    },
    {
      name: 'an overlong UTF-8 sequence (C0 AF) unencoded in the query',
      send: raw('GET /authorizations?per_page=\xc0\xaf HTTP/1.1'),
      status: 400,
      mentions: /Invalid char in url query: percent-encode/,
    },
    { name: 'a raw DEL byte in the path', send: raw('GET /authorizations/\x7f HTTP/1.1'), status: 400, mentions: /Invalid char in url path/ },
  ],

  headers: [
    {
      name: 'an Expect other than 100-continue',
      send: raw('POST /authorizations HTTP/1.1', ['Expect: 200-ok', 'Content-Length: 2'], '{}'),
      status: 417,
      mentions: /Expect "200-ok" cannot be met; the only expectation served is 100-continue/,
    },
    { name: 'no Host header (HTTP/1.1 requires one)', send: raw('GET /authorizations HTTP/1.1', [], '', { host: false }), status: 400, mentions: /needs a Host header/ },
    {
      name: 'two Host headers',
      send: raw('GET /authorizations HTTP/1.1', ['Host: ghes.example.com', 'Host: attacker.example'], '', { host: false }),
      status: 400,
      mentions: /2 Host headers \("ghes.example.com", "attacker.example"\); a request has one/,
    },
    { name: 'a Host with a space', send: raw('GET /authorizations HTTP/1.1', ['Host: ghes example.com'], '', { host: false }), status: 400, mentions: /Host "ghes example.com" is not a host name/ },
    {
      name: 'a Host with a user and a path',
      send: raw('GET /authorizations HTTP/1.1', ['Host: user@ghes.example.com/api'], '', { host: false }),
      status: 400,
      mentions: /Host "user@ghes.example.com\/api" is not a host name/,
    },
    { name: 'a bare LF ending a header (injection)', send: raw('GET /authorizations HTTP/1.1', ['X-Note: a\nSet-Cookie: session=evil']), status: 400, mentions: /CR/ },
    { name: 'a folded header line (obs-fold)', send: raw('GET /authorizations HTTP/1.1', ['X-Note: a', ' folded']), status: 400, mentions: /whitespace after header value/ },
    { name: 'a space before the colon', send: raw('GET /authorizations HTTP/1.1', ['Prefer : code=404']), status: 400, mentions: /header token/ },
    { name: 'a NUL byte in a header value', send: raw('GET /authorizations HTTP/1.1', ['X-Note: a\u0000b']), status: 400, mentions: /header value char/ },
    { name: 'a byte 0xFF in a header name', send: raw('GET /authorizations HTTP/1.1', ['X-\xffNote: a']), status: 400, mentions: /header token/ },
    { name: 'invalid UTF-8 in X-GitHub-Api-Version', send: raw('GET /authorizations HTTP/1.1', ['X-GitHub-Api-Version: 2022-11-28\xc0\xaf']), status: 400, mentions: /X-GitHub-Api-Version/ },
    {
      name: 'two conflicting X-GitHub-Api-Version headers',
      send: raw('GET /authorizations HTTP/1.1', ['X-GitHub-Api-Version: 2022-11-28', 'X-GitHub-Api-Version: 2099-01-01']),
      status: 400,
      mentions: /Bad X-GitHub-Api-Version header "2022-11-28, 2099-01-01"/,
    },
    {
      name: 'two Authorization headers, a token first',
      send: raw('GET /authorizations HTTP/1.1', ['Authorization: token ghp_x', `Authorization: ${basic}`], '', { auth: false }),
      status: 401,
      mentions: /Bad credentials/,
    },
    { name: 'an Authorization header of 15,000 characters', send: call('GET', '/authorizations', { authorization: `Basic ${'A'.repeat(15_000)}` }), status: 401, mentions: /Bad credentials/ },
    {
      name: '700 small headers adding up past 16 KiB',
      send: raw(
        'GET /authorizations HTTP/1.1',
        Array.from({ length: 700 }, (_, i) => `X-H${i}: ${'v'.repeat(20)}`),
      ),
      status: 431,
      mentions: /headers too large: .* must fit in 16 KiB/,
    },
  ],

  'framing: Content-Length and chunked': [
    { name: 'a negative Content-Length', send: raw('POST /authorizations HTTP/1.1', ['Content-Length: -1']), status: 400, mentions: /Content-Length/ },
    { name: 'a Content-Length of 20 digits', send: raw('POST /authorizations HTTP/1.1', ['Content-Length: 99999999999999999999']), status: 400, mentions: /Content-Length/ },
    { name: 'two different Content-Length headers', send: raw('POST /authorizations HTTP/1.1', ['Content-Length: 2', 'Content-Length: 3'], '{}'), status: 400, mentions: /Duplicate Content-Length/ },
    {
      name: 'Content-Length and Transfer-Encoding together (smuggling)',
      send: raw('POST /authorizations HTTP/1.1', ['Content-Length: 5', 'Transfer-Encoding: chunked'], '0\r\n\r\n'),
      status: 400,
      mentions: /Transfer-Encoding can't be present with Content-Length/,
    },
    { name: 'a declared 5 GB body, not sent', send: raw('POST /authorizations HTTP/1.1', ['Content-Length: 5000000000']), status: 413, mentions: /Request body too large/ },
    { name: 'chunked twice', send: raw('POST /authorizations HTTP/1.1', ['Transfer-Encoding: chunked, chunked'], '2\r\n{}\r\n0\r\n\r\n'), status: 400, mentions: /Transfer-Encoding/ },
    {
      name: 'gzip before chunked (Transfer-Encoding: gzip, chunked)',
      send: raw('POST /authorizations HTTP/1.1', ['Transfer-Encoding: gzip, chunked'], '2\r\n{}\r\n0\r\n\r\n'),
      status: 400,
      mentions: /Transfer-Encoding "gzip, chunked" is not supported/,
    },
    { name: 'an unknown transfer coding alone', send: raw('POST /authorizations HTTP/1.1', ['Transfer-Encoding: foo'], '{}'), status: 400, mentions: /Transfer-Encoding/ },
    { name: 'a chunk size that is not hexadecimal', send: raw('POST /authorizations HTTP/1.1', ['Transfer-Encoding: chunked'], 'zz\r\n{}\r\n0\r\n\r\n'), status: 400, mentions: /chunk size/ },
    {
      name: 'a chunk size past 64 bits',
      send: raw('POST /authorizations HTTP/1.1', ['Transfer-Encoding: chunked'], 'ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n'),
      status: 400,
      mentions: /[Cc]hunk size overflow/,
    },
    {
      name: 'a chunk extension of 20,000 bytes',
      send: raw('POST /authorizations HTTP/1.1', ['Transfer-Encoding: chunked'], `2;${'e'.repeat(20_000)}\r\n{}\r\n0\r\n\r\n`),
      status: 400,
      mentions: /[Cc]hunk extensions overflow/,
    },
    { name: 'a chunk without its CRLF', send: raw('POST /authorizations HTTP/1.1', ['Transfer-Encoding: chunked'], '2\r\n{}XX0\r\n\r\n'), status: 400, mentions: /after chunk data/ },
    {
      name: 'a chunked body past 1 MiB',
      send: raw('POST /authorizations HTTP/1.1', ['Transfer-Encoding: chunked'], `${`4000\r\n${'a'.repeat(0x4000)}\r\n`.repeat(70)}0\r\n\r\n`),
      status: 413,
      mentions: /Request body too large/,
    },
    { name: 'a chunked body of malformed JSON', send: raw('POST /authorizations HTTP/1.1', ['Transfer-Encoding: chunked'], '3\r\n{no\r\n0\r\n\r\n'), status: 400, mentions: /Problems parsing JSON/ },
  ],

  'absurd lengths': [
    { name: 'a path of 20,000 characters', send: raw(`GET /authorizations/${'1'.repeat(20_000)} HTTP/1.1`), status: 431, mentions: /request line \(with the URL\) .* must fit in 16 KiB/ },
    {
      name: 'a query of 20,000 characters',
      send: raw(`GET /authorizations?per_page=1&q=${'q'.repeat(20_000)} HTTP/1.1`),
      status: 431,
      mentions: /request line \(with the URL\) .* must fit in 16 KiB/,
    },
    {
      name: '40,000 unknown fields (strict)',
      strict: true,
      send: post('/authorizations', json(Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`field${i}`, 1])))),
      status: 422,
      mentions: /field0 is not a field of this request/,
      check: firstTwentyAndMore,
    },
    {
      name: '100,000 scopes that are not strings',
      send: post('/authorizations', json({ scopes: Array.from({ length: 100_000 }, (_, i) => i) })),
      status: 422,
      mentions: /scopes\.0 must be string/,
      check: firstTwentyAndMore,
    },
    {
      name: 'exactly 20 unknown fields: all listed (strict)',
      strict: true,
      send: patch('/authorizations/1', json(Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`field${i}`, 1])))),
      status: 422,
      mentions: /field19 is not a field of this request/,
      check: (answer) => expect(JSON.parse(answer.body).errors).toHaveLength(20),
    },
  ],

  // Past its first maxPreferLength characters a Prefer header is ignored, not refused (RFC 7240 §2):
  // the bad code these start with is what is named, read at once.
  'oversized and hostile Prefer headers': [
    {
      name: 'a 4 KB Prefer of spaces around a quote (froze the mock for seconds)',
      send: call('GET', '/authorizations', { prefer: `code=999, ${hostilePrefer(4 * 1024)}` }),
      status: 400,
      mentions: codeNotAResponse,
    },
    {
      name: 'a 16 KB Prefer of spaces around a quote, at the header limit (froze it for minutes)',
      send: raw('GET /authorizations HTTP/1.1', [`Prefer: code=999, ${hostilePrefer(16_000)}`]),
      status: 400,
      mentions: codeNotAResponse,
    },
    {
      name: `a Prefer of ${maxPreferLength + 1} characters`,
      send: call('GET', '/authorizations', { prefer: `code=999,${' '.repeat(maxPreferLength - 9)}x` }),
      status: 400,
      mentions: codeNotAResponse,
    },
    {
      name: '200 Prefer lines (they arrive joined)',
      send: raw(
        'GET /authorizations HTTP/1.1',
        Array.from({ length: 200 }, () => 'Prefer: code=999'),
      ),
      status: 400,
      mentions: codeNotAResponse,
    },
  ],

  // What a web page on another origin can send without a preflight (a form, a beacon, an <img>, a
  // no-cors fetch) lacks X-Simulator-Control; a preflight is refused with no CORS grant.
  'control requests a cross-site page could send': [
    {
      name: 'a no-cors POST reset (no X-Simulator-Control)',
      send: raw('POST /_simulator/reset HTTP/1.1', ['Content-Length: 0'], '', { auth: false }),
      status: 403,
      mentions: notFromAPage,
      check: noCorsGrant,
    },
    {
      name: 'a form POST reset (text/plain, as an HTML form sends it)',
      send: raw('POST /_simulator/reset HTTP/1.1', ['Content-Type: text/plain', 'Origin: http://attacker.localhost:8000', 'Content-Length: 2'], '{}', { auth: false }),
      status: 403,
      mentions: notFromAPage,
      check: noCorsGrant,
    },
    {
      name: 'an <img> GET of the state',
      send: raw('GET /_simulator/state HTTP/1.1', ['Origin: http://attacker.localhost:8000'], '', { auth: false }),
      status: 403,
      mentions: notFromAPage,
      check: noCorsGrant,
    },
    {
      name: 'a PUT of the state under /api/v3',
      send: raw('PUT /api/v3/_simulator/state HTTP/1.1', ['Content-Type: application/json', 'Content-Length: 2'], '{}', { auth: false }),
      status: 403,
      mentions: notFromAPage,
      check: noCorsGrant,
    },
    { name: 'faults set to drop', send: put('/_simulator/faults', json({ drop: true })), status: 403, mentions: notFromAPage },
    { name: 'an account removed', send: call('DELETE', '/_simulator/accounts/octocat'), status: 403, mentions: notFromAPage },
    {
      name: 'a preflight for PUT /_simulator/state (refused, no CORS grant)',
      send: raw('OPTIONS /_simulator/state HTTP/1.1', ['Origin: http://attacker.localhost:8000', 'Access-Control-Request-Method: PUT', 'Access-Control-Request-Headers: x-simulator-control'], '', {
        auth: false,
      }),
      status: 403,
      mentions: notFromAPage,
      check: noCorsGrant,
    },
    {
      name: 'a reset of a user with no state, by ?user= (never everyone)',
      send: raw('POST /_simulator/reset?user=nobody-at-all HTTP/1.1', ['X-Simulator-Control: 1', 'Content-Length: 0'], '', { auth: false }),
      status: 400,
      mentions: /no user "nobody-at-all" has state to reset/,
    },
    {
      name: 'a reset naming two users',
      send: raw('POST /_simulator/reset?user=a&user=b HTTP/1.1', ['X-Simulator-Control: 1', 'Content-Length: 0'], '', { auth: false }),
      status: 400,
      mentions: /name one user to reset/,
    },
  ],

  // DNS rebinding: a page on attacker.example whose name now resolves to 127.0.0.1 sends its own Host.
  'Host names the server does not answer': [
    { name: 'Host attacker.example:4010', send: raw('GET /authorizations HTTP/1.1', ['Host: attacker.example:4010'], '', { host: false }), status: 403, mentions: rebinding('attacker.example:4010') },
    {
      name: 'a control request with Host attacker.example',
      send: raw('POST /_simulator/reset HTTP/1.1', ['Host: attacker.example', 'X-Simulator-Control: 1', 'Content-Length: 0'], '', { host: false }),
      status: 403,
      mentions: rebinding('attacker.example'),
      check: noCorsGrant,
    },
    {
      name: 'a name that starts like an address (127.0.0.1.nip.io)',
      send: raw('GET /_simulator/state HTTP/1.1', ['Host: 127.0.0.1.nip.io'], '', { host: false }),
      status: 403,
      mentions: rebinding('127.0.0.1.nip.io'),
    },
    {
      name: 'a name that starts like localhost (localhost.attacker.example)',
      send: raw('GET /docs HTTP/1.1', ['Host: localhost.attacker.example'], '', { host: false }),
      status: 403,
      mentions: rebinding('localhost.attacker.example'),
    },
    {
      name: 'a preflight with Host attacker.example',
      send: raw('OPTIONS /authorizations HTTP/1.1', ['Host: attacker.example', 'Origin: http://attacker.example', 'Access-Control-Request-Method: GET'], '', { host: false }),
      status: 403,
      mentions: rebinding('attacker.example'),
      check: noCorsGrant,
    },
  ],

  'truncated requests (the client closes its side)': [
    {
      name: 'a body shorter than its Content-Length',
      send: raw('POST /authorizations HTTP/1.1', ['Content-Length: 100'], '{"note"', { halfClose: true }),
      status: 400,
      mentions: /closed before the request was complete/,
    },
    {
      name: 'a chunked body cut inside a chunk',
      send: raw('POST /authorizations HTTP/1.1', ['Transfer-Encoding: chunked'], '10\r\n{"no', { halfClose: true }),
      status: 400,
      mentions: /closed before the request was complete/,
    },
    {
      name: 'headers cut inside a name',
      send: { raw: { bytes: 'POST /authorizations HTTP/1.1\r\nHost: localhost\r\nAuthoriz', halfClose: true } },
      status: 400,
      mentions: /closed before the request was complete/,
    },
    { name: 'a request line and nothing else', send: { raw: { bytes: 'GET /authorizations HTTP/1.1\r\n', halfClose: true } }, status: 400, mentions: /closed before the request was complete/ },
  ],

  // The hostile data sets (a list nested 2,500 deep, fingerprnt, app.evil, an id near 2^53, 33,907
  // users) are refused at every door in test/simulator/data-limits.test.ts: the control API's
  // answers are not the contract's error shape this corpus checks.
  'stored sizes past the field limits (each was accepted: fifteen 1 MB notes grew RSS by 51 MB)': [
    { name: 'a create with a 1 MB note', send: post('/authorizations', json({ note: 'n'.repeat(1_000_000) })), status: 422, mentions: /note: note is too long \(maximum is 1000 characters\)/ },
    {
      name: 'a create with 101 scopes',
      send: post('/authorizations', json({ note: 'x', scopes: Array.from({ length: 101 }, (_, i) => `s${i}`) })),
      status: 422,
      mentions: /scopes: scopes has too many items \(maximum is 100\)/,
    },
    {
      name: 'an update adding 40,000 scopes',
      send: patch('/authorizations/1', json({ add_scopes: Array.from({ length: 40_000 }, (_, i) => `s${i}`) })),
      status: 422,
      mentions: /scopes has too many items \(maximum is 100\)/,
    },
    {
      name: 'a fingerprint of 10,000 characters',
      send: post('/authorizations', json({ client_id: clientId, client_secret: 'x', fingerprint: 'f'.repeat(10_000) })),
      status: 422,
      mentions: /fingerprint is too long \(maximum is 255 characters\)/,
    },
  ],
};

// Several requests in one write (pipelining), a bad one among them: HTTP/1.1 answers them in
// order, so each request before the bad one gets its own answer first, then the refusal.

/** What one answer must be: its status and, for an error, what its message must mention. */
export interface ExpectedAnswer {
  status: number;
  mentions?: RegExp;
}

export interface Pipeline {
  name: string;
  /** Sent in one write, each a whole raw request. */
  requests: string[];
  /** The answers, in order; a pipeline whose last answer refuses a request also closes the connection. */
  answers: ExpectedAnswer[];
  /** Whether the mock closes the connection after the last answer. */
  closes: boolean;
}

/** A raw request as `raw()` makes it, as text. */
const rawText = (...args: Parameters<typeof raw>) => raw(...args).raw.bytes;
const listAuthorizations = rawText('GET /authorizations HTTP/1.1');
const ok = { status: 200 };

export const pipelines: Pipeline[] = [
  {
    name: 'a header without a colon between two valid requests',
    requests: [listAuthorizations, rawText('GET /authorizations HTTP/1.1', ['BadHeader']), listAuthorizations],
    answers: [ok, { status: 400, mentions: /Malformed HTTP request: .*header/ }],
    closes: true,
  },
  {
    name: 'a Content-Length shorter than the body between two valid requests (the rest reads as a request line)',
    requests: [listAuthorizations, rawText(`PUT /authorizations/clients/${clientId} HTTP/1.1`, ['Content-Length: 2'], '{}{"client_secret":"x"}'), listAuthorizations],
    answers: [ok, { status: 422, mentions: /client_secret/ }, { status: 400, mentions: /Malformed HTTP request: .*method/ }],
    closes: true,
  },
  {
    name: 'Content-Length with Transfer-Encoding between two valid requests',
    requests: [listAuthorizations, rawText('POST /authorizations HTTP/1.1', ['Content-Length: 5', 'Transfer-Encoding: chunked'], '0\r\n\r\n'), listAuthorizations],
    answers: [ok, { status: 400, mentions: /Transfer-Encoding can't be present with Content-Length/ }],
    closes: true,
  },
  {
    name: 'two valid requests, then a bare LF in a header',
    requests: [listAuthorizations, listAuthorizations, rawText('GET /authorizations HTTP/1.1', ['X-Note: a\nb']), listAuthorizations],
    answers: [ok, ok, { status: 400, mentions: /CR/ }],
    closes: true,
  },
  {
    name: 'an oversized Prefer between two valid requests (read as far as it is read, the rest ignored: the connection goes on)',
    requests: [listAuthorizations, rawText('GET /authorizations HTTP/1.1', [`Prefer: ${hostilePrefer(8 * 1024)}`]), listAuthorizations],
    answers: [ok, ok, ok],
    closes: false,
  },
  {
    name: `${maxPipelined + 4} valid requests: ${maxPipelined} answered, then a 429 that closes the connection`,
    requests: Array.from({ length: maxPipelined + 4 }, () => listAuthorizations),
    answers: [...Array.from({ length: maxPipelined }, () => ok), { status: 429, mentions: new RegExp(`at most ${maxPipelined} requests are answered at a time on one connection`) }],
    closes: true,
  },
  {
    // Once destroyed at once, throwing away the answers owed.
    name: `${2 * maxPipelined + 2} valid requests (as many again behind the 429): still ${maxPipelined} answered, then the 429`,
    requests: Array.from({ length: 2 * maxPipelined + 2 }, () => listAuthorizations),
    answers: [...Array.from({ length: maxPipelined }, () => ok), { status: 429, mentions: new RegExp(`at most ${maxPipelined} requests`) }],
    closes: true,
  },
];

// Clients that send and do not read: what they can make the mock hold is bounded (in-flight
// requests per connection, queued bytes), and the other connections are served meanwhile.

export interface NonReadingClient {
  name: string;
  /** Sent in one write; then the client reads its first chunk and stops reading. */
  bytes: string;
  /**
   * What it finds when it reads again, after another connection was served; none when the mock
   * closes the connection at once, before answering (a flood).
   */
  answers: ExpectedAnswer[];
  /** Whether the mock closes the connection after them. */
  closes: boolean;
}

const getDocs = 'GET /docs HTTP/1.1\r\nHost: localhost\r\n\r\n';
const tooMany = { status: 429, mentions: new RegExp(`at most ${maxPipelined} requests`) };
const answered = Array.from({ length: maxPipelined }, () => ok);

export const nonReadingClients: NonReadingClient[] = [
  // A flood: no more of it is read, but the answers owed still go out before the close (read within floodGraceMs).
  { name: `100 × GET /docs in one 3 KB write (pinned 210 MB): ${maxPipelined} pages, the 429, closed`, bytes: getDocs.repeat(100), answers: [...answered, tooMany], closes: true },
  { name: `2,000 × GET /docs in one 64 KB write (would pin 5 GB): ${maxPipelined} pages, the 429, closed`, bytes: getDocs.repeat(2000), answers: [...answered, tooMany], closes: true },
  { name: `2,000 × GET /authorizations in one write: ${maxPipelined} lists, the 429, closed`, bytes: listAuthorizations.repeat(2000), answers: [...answered, tooMany], closes: true },
  { name: `${maxPipelined + 4} × GET /docs in one write, read later: ${maxPipelined} pages, then the 429`, bytes: getDocs.repeat(maxPipelined + 4), answers: [...answered, tooMany], closes: true },
  { name: 'one GET /docs, read later', bytes: getDocs, answers: [ok], closes: false },
];
