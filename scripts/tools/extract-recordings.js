// Extracts real GitHub traffic on the ten OAuth Authorizations operations from other projects'
// recorded test fixtures (octokit.rb's VCR cassettes, PyGithub's ReplayData, github3.py's Betamax
// cassettes), from every version in their git history, into test/fixtures/server-truth/exchanges.json.
// Secrets are masked, each exchange keeps its provenance, and identical exchanges are kept once.
// The tests read only the committed file; this tool needs the bare git directories the `fetch`
// tool brings (/work/.mirror/<owner>+<name>/repo by default).
// Usage: node scripts/tools/extract-recordings.js [mirror directory]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const mirrors = process.argv[2] ?? '/work/.mirror';
const output = new URL('../../test/fixtures/server-truth/exchanges.json', import.meta.url);

/** The recordings: where they are, in which format, up to which date (octokit.rb's later ones are not real traffic). */
const sources = [
  { repository: 'octokit/octokit.rb', format: 'vcr', paths: ['spec/cassettes/Octokit_Client_Authorizations', 'spec/cassettes/authorizations.json'], before: '2022-01-01' },
  {
    repository: 'PyGithub/PyGithub',
    format: 'replay',
    paths: ['tests/ReplayData', 'github/tests/ReplayData'],
    match: /\/(AuthenticatedUser\.testCreateAuthorization[^/]*|Authorization\.[^/]*)\.txt$/,
  },
  { repository: 'sigmavirus24/github3.py', format: 'vcr', paths: ['tests/cassettes'], match: /\/(Authorization_[^/]*|GitHub_authorize)\.json$/ },
];

/** The ten operations' paths (without /api/v3), and which one a path is. */
/** @type {[RegExp, string][]} */
const routes = [
  [/^\/applications\/grants$/, 'applications/grants'],
  [/^\/applications\/grants\/[^/]+$/, 'applications/grants/{grant_id}'],
  [/^\/authorizations$/, 'authorizations'],
  [/^\/authorizations\/clients\/[^/]+$/, 'authorizations/clients/{client_id}'],
  [/^\/authorizations\/clients\/[^/]+\/[^/]+$/, 'authorizations/clients/{client_id}/{fingerprint}'],
  [/^\/authorizations\/[^/]+$/, 'authorizations/{authorization_id}'],
];
export const routeOf = (/** @type {string} */ path) => routes.find(([pattern]) => pattern.test(path))?.[1];

/** The headers kept, lower-case: what clients and caches read, and what says how the request was made. */
const requestHeaders = ['accept', 'authorization', 'content-type', 'if-none-match', 'if-modified-since', 'x-github-otp', 'user-agent'];
const responseHeaders = [
  'cache-control',
  'content-type',
  'deprecation',
  'etag',
  'last-modified',
  'link',
  'location',
  'sunset',
  'vary',
  'x-accepted-oauth-scopes',
  'x-github-media-type',
  'x-github-otp',
  'x-oauth-scopes',
  'www-authenticate',
];

const git = (/** @type {string} */ dir, /** @type {string[]} */ args) => execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

/** Every distinct version (blob) of the recordings, with the first commit that holds it. */
function versions(source) {
  const dir = join(mirrors, source.repository.replace('/', '+'), 'repo');
  const commits = git(dir, ['log', '--all', '--reverse', '--format=%H %cI', '--', ...source.paths])
    .trim()
    .split('\n');
  /** @type {Map<string, { path: string, commit: string, committed: string }>} */
  const found = new Map();
  for (const line of commits) {
    const [commit, committed] = line.split(' ');
    if (source.before && committed >= source.before) continue;
    for (const entry of git(dir, ['ls-tree', '-r', commit, '--', ...source.paths])
      .trim()
      .split('\n')) {
      const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(entry);
      if (!match || found.has(match[1])) continue;
      if (source.match && !source.match.test(`/${match[2]}`)) continue;
      found.set(match[1], { path: match[2], commit, committed: committed.slice(0, 10) });
    }
  }
  return [...found].map(([blob, where]) => ({ ...where, text: git(dir, ['cat-file', 'blob', blob]) }));
}

// --- parsing: each format to { method, url, requestHeaders, requestBody, status, responseHeaders, responseBody, recorded } ---

/** A VCR or Betamax body: string, base64, possibly gzip. */
function vcrBody(body, headers) {
  if (!body) return '';
  if (typeof body.string === 'string' && body.string !== '') return body.string;
  if (typeof body.base64_string === 'string') {
    const bytes = Buffer.from(body.base64_string, 'base64');
    const gzip = /gzip/i.test(headerValue(headers, 'content-encoding') ?? '') || (bytes[0] === 0x1f && bytes[1] === 0x8b);
    return (gzip && bytes.length ? gunzipSync(bytes) : bytes).toString('utf8');
  }
  return '';
}

function headerValue(headers, name) {
  for (const [key, value] of Object.entries(headers ?? {})) if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(', ') : String(value);
  return undefined;
}

function parseVcr(text) {
  return JSON.parse(text).http_interactions.map((interaction) => ({
    method: interaction.request.method.toUpperCase(),
    url: interaction.request.uri,
    requestHeaders: interaction.request.headers,
    requestBody: vcrBody(interaction.request.body, interaction.request.headers),
    status: interaction.response.status.code,
    responseHeaders: interaction.response.headers,
    responseBody: vcrBody(interaction.response.body, interaction.response.headers),
    recorded: interaction.recorded_at,
  }));
}

/** A Python literal of str pairs: PyGithub writes headers as a dict or a list of tuples. */
function pythonPairs(literal) {
  /** @type {Record<string, string>} */
  const pairs = {};
  const string = String.raw`'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"`;
  const pair = new RegExp(`(?:${string})\\s*[:,]\\s*(?:${string})`, 'g');
  for (const match of literal.matchAll(pair)) pairs[match[1] ?? match[2]] = (match[3] ?? match[4]).replace(/\\(.)/g, '$1');
  return pairs;
}

function parseReplay(text) {
  const lines = text.split('\n');
  const exchanges = [];
  for (let i = 0; i < lines.length; ) {
    if (lines[i] === '') {
      i++;
      continue;
    }
    // PyGithub's first format (2012) put the request on one line, space-separated.
    const oneLine = /^(\S+) (\S+) (\S+) (\S+) (\S+) (\{.*?\}) (.*)$/.exec(lines[i]);
    const size = oneLine ? 4 : 10;
    const [protocol, method, host, port, path, headers, body, status, responseHeaders, responseBody] = oneLine ? [...oneLine.slice(1), ...lines.slice(i + 1, i + 4)] : lines.slice(i, i + 10);
    const response = pythonPairs(responseHeaders);
    exchanges.push({
      method,
      url: `${protocol}://${host}${port === 'None' ? '' : `:${port}`}${path}`,
      requestHeaders: pythonPairs(headers),
      requestBody: body === 'None' ? '' : body,
      status: Number(status),
      responseHeaders: response,
      responseBody: responseBody ?? '',
      recorded: headerValue(response, 'date'),
    });
    i += size;
  }
  return exchanges;
}

// --- masking ------------------------------------------------------------------------------

/** Secrets in a JSON value, replaced by `<name>` (an empty string or null stays: that is a fact). */
function maskJson(value) {
  if (Array.isArray(value)) return value.map(maskJson);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const secret = ['token', 'hashed_token', 'token_last_eight', 'client_secret', 'password', 'access_token'].includes(key);
      return [key, secret && typeof inner === 'string' && inner !== '' ? `<${key}>` : maskJson(inner)];
    }),
  );
}

function maskHeader(name, value) {
  if (name === 'authorization') return value.replace(/^(\S+)\s+.*$/, (_, scheme) => `${scheme} <${scheme.toLowerCase() === 'basic' ? 'basic_credentials' : 'token'}>`);
  if (name === 'x-github-otp' && !/^required/.test(value)) return '<otp>';
  return value.replace(/\/\/[^/@\s]+@/g, '//');
}

function parseBody(text) {
  if (text === '' || text === undefined) return null;
  try {
    return maskJson(JSON.parse(text));
  } catch {
    return { unparsed: text.slice(0, 200) };
  }
}

function keptHeaders(headers, names) {
  /** @type {Record<string, string>} */
  const kept = {};
  for (const name of names) {
    const value = headerValue(headers, name);
    if (value !== undefined) kept[name] = maskHeader(name, value);
  }
  return kept;
}

/** The recorded date as an ISO date: VCR's "Mon, 24 Jun 2013 01:23:28 GMT", Betamax's "2018-02-24T13:59:38". */
function isoDate(recorded) {
  const time = Date.parse(/T\d\d:\d\d:\d\d$/.test(recorded ?? '') ? `${recorded}Z` : (recorded ?? ''));
  return Number.isNaN(time) ? null : new Date(time).toISOString().replace('.000', '');
}

function exchangeOf(raw, source, version) {
  const url = new URL(raw.url.replace(/\/\/[^/@]+@/, '//'));
  const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
  const route = routeOf(path);
  if (!route) return undefined;
  // A Basic credential in the URL (VCR's <LOGIN>:<PASSWORD>@) is the Authorization header that was sent.
  const headers = { ...raw.requestHeaders };
  if (/\/\/[^/@]+@/.test(raw.url) && headerValue(headers, 'authorization') === undefined) headers.Authorization = 'Basic <basic_credentials>';
  const query = Object.fromEntries(url.searchParams);
  for (const key of ['access_token', 'client_secret']) if (key in query) query[key] = `<${key}>`;
  return {
    request: { method: raw.method, path, query, headers: keptHeaders(headers, requestHeaders), body: parseBody(raw.requestBody) },
    response: { status: raw.status, headers: keptHeaders(raw.responseHeaders, responseHeaders), body: parseBody(raw.responseBody) },
    route,
    provenance: { repository: source.repository, path: version.path, commit: version.commit, committed: version.committed, recorded: isoDate(raw.recorded) },
  };
}

/** JSON with object keys sorted, so that key order does not make two values differ. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
    .join(',')}}`;
}

// --- main ---------------------------------------------------------------------------------

function main() {
  const exchanges = [];
  const seen = new Set();
  for (const source of sources) {
    let kept = 0;
    for (const version of versions(source)) {
      const raws = source.format === 'vcr' ? parseVcr(version.text) : parseReplay(version.text);
      for (const raw of raws) {
        const exchange = exchangeOf(raw, source, version);
        if (!exchange) continue;
        // The same exchange written again (a reformatted file, a moved folder, headers re-cased or
        // re-ordered) is kept once, the first: the same request and answer at the same time.
        const { request, response, provenance } = exchange;
        const key = canonical([request.method, request.path, request.query, request.body, response.status, response.body, provenance.recorded]);
        if (seen.has(key)) continue;
        seen.add(key);
        exchanges.push(exchange);
        kept++;
      }
    }
    console.log(`${source.repository}: ${kept} distinct exchanges`);
  }
  for (const [index, exchange] of exchanges.entries()) exchange.id = `${index + 1}`.padStart(3, '0');
  const ordered = exchanges.map(({ id, route, provenance, request, response }) => ({ id, route, provenance, request, response }));
  writeFileSync(output, `${JSON.stringify(ordered, null, 1)}\n`);
  console.log(`${ordered.length} exchanges written to ${output.pathname}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
