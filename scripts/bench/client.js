// 1. Client: the ten operations against a minimal local server (scripts/bench/example-server.js, a
// child process) through raw fetch (the limit: no client can send less), this package's client,
// and @octokit/request (what a user would pick instead); and openapi-fetch alone, the client's
// engine, to show what it costs by itself. Each sample keeps `concurrency` requests in flight for
// `sampleMs`, cycling through the operations, and counts the answers.
import { deepStrictEqual } from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request as octokitRequest } from '@octokit/request';
import createOpenApiFetchClient from 'openapi-fetch';
import { functionNameOf } from '../lib/contract-helpers.js';
import { contractOperations } from '../lib/example-exchanges.js';
import { interleave, median, pairedRatio } from './rounds.js';

const username = 'octocat';
const password = 'secret';
const githubHeaders = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
const concurrency = 10;

/** One function per operation and contender, each sending the operation's request once and resolving with the JSON answer. */
async function contenders(baseUrl, operations) {
  const { createClient } = await import('../../src/index.js');
  const ghes = createClient({ baseUrl, username, password });
  const authorization = `Basic ${btoa(`${username}:${password}`)}`;
  const octokit = octokitRequest.defaults({ baseUrl, headers: { ...githubHeaders, authorization } });
  // Untyped (no paths type): the operations come from the contract at run time.
  const openapiFetch = /** @type {any} */ (createOpenApiFetchClient({ baseUrl, headers: { ...githubHeaders, authorization } }));

  return {
    'raw fetch': operations.map(({ method, url, body, status }) => {
      const init = {
        method: method.toUpperCase(),
        headers: { ...githubHeaders, authorization, ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body),
      };
      return async () => {
        const response = await fetch(`${baseUrl}${url}`, init);
        if (response.status !== status) throw new Error(`raw fetch: ${init.method} ${url} answered ${response.status}`);
        return status === 204 ? undefined : response.json();
      };
    }),
    'this client': operations.map(({ operationId, pathParameters, body }) => {
      const call = ghes[functionNameOf(operationId)];
      const request = { params: { path: pathParameters }, ...(body !== undefined && { body }) };
      return async () => (await call(request)).data;
    }),
    'openapi-fetch alone': operations.map(({ method, path, pathParameters, body, status }) => {
      const request = { params: { path: pathParameters }, ...(body !== undefined && { body }) };
      return async () => {
        const { data, response } = await openapiFetch.request(method, path, request);
        if (response.status !== status) throw new Error(`openapi-fetch: ${method.toUpperCase()} ${path} answered ${response.status}`);
        return data;
      };
    }),
    '@octokit/request': operations.map(({ method, path, pathParameters, body }) => {
      const route = `${method.toUpperCase()} ${path}`;
      const parameters = { ...pathParameters, ...body };
      return async () => {
        const { data } = await octokit(route, parameters);
        return data === '' ? undefined : data;
      };
    }),
  };
}

/** Requests per second: `concurrency` loops over the operations for `sampleMs`, then the in-flight ones finish. */
async function requestsPerSecond(calls, sampleMs) {
  let completed = 0;
  const started = performance.now();
  const deadline = started + sampleMs;
  const loop = async (offset) => {
    for (let next = offset; performance.now() < deadline; next++) {
      await calls[next % calls.length]();
      completed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, worker) => loop(worker)));
  return completed / ((performance.now() - started) / 1000);
}

function startServer() {
  const child = spawn(process.execPath, [new URL('example-server.js', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
    child.once('exit', (code) => reject(new Error(`the example server exited with ${code} before listening`)));
  });
  return { child, url };
}

export async function benchClient({ quick }) {
  const settings = quick ? { rounds: 3, warmup: 1, sampleMs: 300 } : { rounds: 10, warmup: 2, sampleMs: 1000 };
  const operations = contractOperations();
  const server = startServer();
  try {
    const baseUrl = await server.url;
    const calls = await contenders(baseUrl, operations);
    // Every contender gets every operation's example back before anything is timed.
    for (const [name, list] of Object.entries(calls)) {
      for (const [index, call] of list.entries()) {
        deepStrictEqual(await call(), operations[index].answer, `${name}: ${operations[index].operationId} did not answer its example`);
      }
    }
    const samples = await interleave(Object.fromEntries(Object.entries(calls).map(([name, list]) => [name, () => requestsPerSecond(list, settings.sampleMs)])), settings);
    const ratio = pairedRatio(samples['this client'], samples['raw fetch']);
    return {
      id: 'client',
      title: `Client: the ${operations.length} operations against a local keep-alive server, ${concurrency} requests in flight`,
      settings: { ...settings, concurrency },
      columns: ['contender', 'requests/s (median)', '× raw fetch'],
      rows: Object.keys(samples).map((name) => [name, Math.round(median(samples[name])), pairedRatio(samples[name], samples['raw fetch'])]),
      goal: { text: 'this client ≥ 0.95× raw fetch', met: ratio >= 0.95 },
      samples,
    };
  } finally {
    server.child.kill('SIGTERM');
    await once(server.child, 'exit').catch(() => {});
  }
}
