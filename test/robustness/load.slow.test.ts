// Load on the mock, loopback only, bounded in time and count: 50 connections for 20 s cycling
// through valid and invalid requests (autocannon), beside two raw-socket clients sending requests
// Node's parser refuses or that end early. No valid request may fail (a non-2xx answer, a socket
// error or a timeout all count), every invalid one gets its 4xx, and the mock's memory after
// (RSS and live heap, read after a full garbage collection) is at most 20% above what it was
// after the warm-up. Then the same load for 20 s more beside hostile clients: connections that
// pipeline requests for the docs page by the thousand or just past the limit and never read, and
// connections that pipeline a bad request among valid ones. The same holds, memory is read while the non-reading connections are still
// open, and the valid requests keep their p99 (within twice the first phase's, or 25 ms more).
// Runs alone, after the other tests (vitest.config.ts), so neither disturbs the other; this is a
// robustness check, not a benchmark: no speed is asserted beyond that p99.
// The mix is stateless against the simulator (the default of `npm start`): nothing is created or
// deleted after the warm-up, so its state, and the mock's memory, stay the same size.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { basic, callFor, githubHeaders } from '../mock/support/calls.js';
import { freePort, pollUntil, type Started, startScript, stop, waitUntilReady } from '../mock/support/processes.js';
import { rawExchange } from '../support/raw-http.js';
import { maxPipelined } from '../../src/server/connection-limits.js';
import { converse } from './support/conversation.js';
import { connect, type Socket } from 'node:net';

const connections = 50;
const durationSeconds = 20;
const warmUpSeconds = 5;
/** Far above what this machine reaches in 30 s (about 200,000): a bound, not a target. */
const maxRequests = 2_000_000;
const maxGrowth = 1.2;

// The parts of autocannon's Node API used here (it ships no types).
interface LoadRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  onResponse: (status: number) => void;
}
interface LoadResult {
  requests: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: { p50: number; p99: number };
}
type Autocannon = (options: { url: string; connections: number; duration: number; maxOverallRequests: number; timeout: number; requests: LoadRequest[] }) => Promise<LoadResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const json = { ...githubHeaders, authorization: basic, 'content-type': 'application/json' };
const body = (operation: string) => JSON.stringify(callFor(operation).body);

/**
 * The mix each connection cycles through, valid and invalid in turn, with the status each must get.
 * Against the simulator's seed for this user: authorization 2 is a personal token (its note taken),
 * grant 1 exists; the get-or-create answers 200 once the warm-up has created its authorization.
 */
const mix: Array<{ name: string; method: string; path: string; headers?: Record<string, string>; body?: string; status: number }> = [
  { name: 'list authorizations', method: 'GET', path: '/authorizations', status: 200 },
  { name: 'an unknown path', method: 'GET', path: '/nope', status: 404 },
  { name: 'a personal token whose note is taken', method: 'POST', path: '/authorizations', body: JSON.stringify({ scopes: ['repo'], note: 'My personal access token' }), status: 422 },
  { name: 'malformed JSON', method: 'POST', path: '/authorizations', body: '{"note":', status: 400 },
  { name: 'get-or-create for an app', method: 'PUT', path: callFor('get-or-create-authorization-for-app').path, body: body('get-or-create-authorization-for-app'), status: 200 },
  { name: 'two scope keys', method: 'PATCH', path: '/authorizations/2', body: '{"scopes":["repo"],"add_scopes":["user"]}', status: 422 },
  { name: 'update an authorization', method: 'PATCH', path: '/authorizations/2', body: '{"add_scopes":["gist"]}', status: 200 },
  { name: 'no credentials', method: 'GET', path: '/authorizations/2', headers: githubHeaders, status: 401 },
  { name: 'get a grant under /api/v3', method: 'GET', path: '/api/v3/applications/grants/1', status: 200 },
  { name: 'a method the path does not serve (404, as on GitHub)', method: 'PUT', path: '/authorizations/2', status: 404 },
  { name: 'delete an authorization that is not there', method: 'DELETE', path: '/authorizations/999999', status: 404 },
  { name: 'a non-integer id', method: 'GET', path: '/authorizations/1.5', status: 404 },
  { name: 'get an authorization', method: 'GET', path: '/authorizations/2', status: 200 },
  { name: 'per_page out of range', method: 'GET', path: '/applications/grants?per_page=500', status: 422 },
  { name: 'list grants', method: 'GET', path: '/applications/grants', status: 200 },
  { name: 'a gzip-encoded body', method: 'POST', path: '/authorizations', headers: { ...json, 'content-encoding': 'gzip' }, body: '\u001f\u008b', status: 415 },
];
const isValid = (status: number) => status < 300;

/** Requests the parser refuses or that end early: each closes its connection. */
const rawMix = [
  { bytes: `GET /authorizations HTTP/1.1\r\nHost: localhost\r\nX-Note: a\nb\r\n\r\n`, status: 400 },
  { bytes: `POST /authorizations HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${basic}\r\nContent-Length: 100\r\n\r\n{"note"`, halfClose: true, status: 400 },
  { bytes: `POST /authorizations HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${basic}\r\nContent-Length: 5000000000\r\n\r\n`, status: 413 },
  { bytes: `GET /authorizations/\u0000 HTTP/1.1\r\nHost: localhost\r\n\r\n`, status: 400 },
  { bytes: `GET /authorizations HTTP/1.1\r\nAuthorization: ${basic}\r\n\r\n`, status: 400 },
];

let mock: Started;

beforeAll(async () => {
  const probe = pathToFileURL(new URL('support/memory-probe.js', import.meta.url).pathname).href;
  mock = startScript('start', { port: await freePort(), env: { NODE_OPTIONS: `--expose-gc --import=${probe}` } });
  await waitUntilReady(mock);
});

afterAll(async () => {
  if (mock) expect(await stop(mock)).toEqual({ code: 0, signal: null });
});

interface Memory {
  rss: number;
  heapUsed: number;
}

/** The mock's memory after a full collection: RSS from /proc, the live heap from the probe. */
async function memory(): Promise<Memory> {
  const probes = () => mock.stderr().match(/^memory-probe .*$/gm) ?? [];
  const seen = probes().length;
  mock.child.kill('SIGUSR2');
  const line = await pollUntil('the memory probe', () => probes()[seen]);
  const { heapUsed } = JSON.parse(line.slice('memory-probe '.length)) as Memory;
  const rss = Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${mock.child.pid}/status`, 'utf8'))?.[1]) * 1024;
  return { rss, heapUsed };
}

/** Counts the answers by request and status. */
function tally() {
  const counts = new Map<string, Map<number, number>>();
  const count = (name: string, status: number) => {
    const byStatus = counts.get(name) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    counts.set(name, byStatus);
  };
  return { counts, count };
}

function load(seconds: number, count: (name: string, status: number) => void) {
  return autocannon({
    url: mock.url,
    connections,
    duration: seconds,
    maxOverallRequests: maxRequests,
    timeout: 10,
    requests: mix.map(({ name, method, path, headers = json, body }) => ({ method, path, headers, ...(body !== undefined && { body }), onResponse: (status) => count(name, status) })),
  });
}

/** One raw-socket client: sends `rawMix` in turn until `deadline`; resolves with the statuses it got that were not the expected ones. */
async function rawClient(deadline: number, answered: { count: number }) {
  const unexpected: string[] = [];
  for (let i = 0; Date.now() < deadline; i++) {
    const { bytes, halfClose = false, status } = rawMix[i % rawMix.length]!;
    const answer = await rawExchange(mock.url, bytes, { halfClose, timeoutMs: 10_000 }).catch((error: Error) => error);
    answered.count++;
    if (answer instanceof Error || answer.status !== status) unexpected.push(`${JSON.stringify(bytes.slice(0, 40))}: ${answer instanceof Error ? answer.message : answer.status}`);
  }
  return unexpected;
}

/** The answers of one load phase that were not the ones their requests must get, and its figures. */
async function phase(seconds: number, beside: Array<Promise<string[]>>) {
  const { counts, count } = tally();
  const [result, ...besideUnexpected] = await Promise.all([load(seconds, count), ...beside]);
  // Every answer is the one its request must get: the valid ones all 2xx, the invalid all their 4xx.
  const wrong = mix.flatMap(({ name, status }) => [...(counts.get(name) ?? [])].filter(([got]) => got !== status).map(([got, times]) => `${name}: ${times} × ${got}`));
  const answered = (valid: boolean) => mix.filter(({ status }) => isValid(status) === valid).reduce((sum, { name }) => sum + [...(counts.get(name) ?? [])].reduce((n, [, times]) => n + times, 0), 0);
  return { result, wrong, besideUnexpected: besideUnexpected.flat(), validCount: answered(true), invalidCount: answered(false) };
}

function expectClean({ result, wrong, besideUnexpected, validCount, invalidCount }: Awaited<ReturnType<typeof phase>>) {
  expect(wrong).toEqual([]);
  expect(besideUnexpected).toEqual([]);
  // No socket errors or timeouts at all (they cannot be told apart by request, so none is allowed).
  expect({ errors: result.errors, timeouts: result.timeouts }).toEqual({ errors: 0, timeouts: 0 });
  expect(result.non2xx).toBe(invalidCount);
  expect(validCount).toBeGreaterThan(1000);
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** Memory after a full collection, polled while the mock settles (freed pages go back to the OS lazily), until within 20% of `before`. */
async function settledMemory(before: Memory) {
  let after = await memory();
  const settleDeadline = Date.now() + 20_000;
  while ((after.rss > before.rss * maxGrowth || after.heapUsed > before.heapUsed * maxGrowth) && Date.now() < settleDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    after = await memory();
  }
  return after;
}

function expectWithin(before: Memory, after: Memory, when: string) {
  expect(after.rss, `RSS ${when}: ${mb(before.rss)} → ${mb(after.rss)}`).toBeLessThanOrEqual(before.rss * maxGrowth);
  expect(after.heapUsed, `heap ${when}: ${mb(before.heapUsed)} → ${mb(after.heapUsed)}`).toBeLessThanOrEqual(before.heapUsed * maxGrowth);
}

// ---- hostile clients

const listAuthorizations = `GET /authorizations HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${basic}\r\n\r\n`;
const getDocs = 'GET /docs HTTP/1.1\r\nHost: localhost\r\n\r\n';
/**
 * In turn: 2,000 requests for the docs page (the largest answer) in one 64 KB write, a flood the
 * mock closes at once; and `maxPipelined` + 4 of them, which it answers and holds until they are read.
 */
const nonReadingWrites = [getDocs.repeat(2000), getDocs.repeat(maxPipelined + 4)];
const nonReaders = 10;

/**
 * Keeps up to `nonReaders` connections open that each sent one of `nonReadingWrites` and read
 * nothing, replacing the oldest by a new one every second, until `deadline`. The caller reads
 * memory while they are open, then closes them; nothing is unexpected of them.
 */
async function nonReadingClients(deadline: number, open: Socket[]) {
  for (let i = 0; Date.now() < deadline; i++) {
    const socket = connect(Number(new URL(mock.url).port), '127.0.0.1', () => socket.write(nonReadingWrites[i % nonReadingWrites.length]!));
    socket.pause();
    socket.on('error', () => {});
    open.push(socket);
    if (open.length > nonReaders) open.shift()!.destroy();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return [];
}

/** Pipelines, in turn, valid requests with a bad one among them, and more valid ones than are answered at a time; checks every answer. */
async function pipeliningClient(deadline: number, answered: { count: number }) {
  const unexpected: string[] = [];
  const cases = [
    { requests: `${listAuthorizations.repeat(5)}GET /authorizations HTTP/1.1\r\nHost: localhost\r\nBadHeader\r\n\r\n${listAuthorizations}`, statuses: [200, 200, 200, 200, 200, 400] },
    { requests: listAuthorizations.repeat(maxPipelined + 4), statuses: [...Array.from({ length: maxPipelined }, () => 200), 429] },
  ];
  for (let i = 0; Date.now() < deadline; i++) {
    const { requests, statuses } = cases[i % cases.length]!;
    const conversation = await converse(mock.url, requests, { timeoutMs: 10_000 }).catch((error: Error) => error);
    answered.count++;
    const got = conversation instanceof Error ? conversation.message : conversation.answers.map((answer) => answer.status).join(',');
    if (got !== statuses.join(',')) unexpected.push(`pipeline ${i % cases.length}: ${got}`);
  }
  return unexpected;
}

it(`${connections} connections for ${durationSeconds} s of valid and invalid requests, then ${durationSeconds} s more beside hostile clients: no valid one fails, memory grows by at most 20%, p99 holds`, async () => {
  // The warm-up brings the JIT, the heap and the connection handling to their working size.
  const warmUp = await load(warmUpSeconds, () => {});
  expect(warmUp.errors + warmUp.timeouts).toBe(0);
  const before = await memory();

  const rawAnswered = { count: 0 };
  let deadline = Date.now() + durationSeconds * 1000;
  const plain = await phase(durationSeconds, [rawClient(deadline, rawAnswered), rawClient(deadline, rawAnswered)]);
  expectClean(plain);
  expect(rawAnswered.count).toBeGreaterThan(10);
  const afterPlain = await settledMemory(before);

  // The same load beside non-reading and pipelining clients; memory is read while the non-reading
  // connections are still open.
  const open: Socket[] = [];
  const pipelines = { count: 0 };
  deadline = Date.now() + durationSeconds * 1000;
  const hostile = await phase(durationSeconds, [nonReadingClients(deadline, open), pipeliningClient(deadline, pipelines), pipeliningClient(deadline, pipelines), rawClient(deadline, rawAnswered)]);
  const whileHeld = await settledMemory(before);
  for (const socket of open) socket.destroy();
  const afterHostile = await settledMemory(before);

  const figures = ({ result, validCount, invalidCount }: typeof plain) =>
    `${result.requests.total} requests (${validCount} valid, ${invalidCount} invalid), errors ${result.errors}, timeouts ${result.timeouts}, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`;
  console.info(
    `load over ${connections} connections, ${durationSeconds} s each: plain ${figures(plain)}; beside hostile clients ${figures(hostile)}, ${pipelines.count} pipelines; ` +
      `raw ${rawAnswered.count}; RSS ${mb(before.rss)} → ${mb(afterPlain.rss)} → ${mb(whileHeld.rss)} (${nonReaders} non-reading connections open) → ${mb(afterHostile.rss)}, ` +
      `heap ${mb(before.heapUsed)} → ${mb(afterPlain.heapUsed)} → ${mb(whileHeld.heapUsed)} → ${mb(afterHostile.heapUsed)}`,
  );
  expectWithin(before, afterPlain, 'after the plain load');
  expectClean(hostile);
  expect(pipelines.count).toBeGreaterThan(10);
  expectWithin(before, whileHeld, `with ${nonReaders} non-reading connections open`);
  expectWithin(before, afterHostile, 'after the hostile clients');
  // Valid requests on the other connections keep their p99.
  expect(hostile.result.latency.p99).toBeLessThanOrEqual(Math.max(2 * plain.result.latency.p99, plain.result.latency.p99 + 25));

  // And it still answers.
  const response = await fetch(`${mock.url}/authorizations/2`, { headers: { ...githubHeaders, authorization: basic } });
  expect(response.status).toBe(200);
  expect(mock.child.exitCode).toBeNull();
});
