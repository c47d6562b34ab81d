// `npm start -- --static`: the contract's documented examples, verbatim, as Prism assembles them.
// Each request gets the simulator's own checks first (src/simulator/request-checks.ts: the same
// route, credential, parameter and body checks, on the precompiled validators), then Prism picks
// the documented response (`Prefer` chooses another one) and nothing is remembered.
import { createServer } from 'node:http';
import { apiCallOf } from '../../src/server/api-call.js';
import { answerClientErrors, answerConnect } from '../../src/server/client-errors.js';
import { serverOptions } from '../../src/server/connection-limits.js';
import { errorLine } from '../../src/server/error-line.js';
import { hostAllowList } from '../../src/server/host-check.js';
import { sendJson } from '../../src/server/json-answer.js';
import { receive } from '../../src/server/receive.js';
import { refuseTransferCoding } from '../../src/server/request-body.js';
import { logRequest } from '../../src/server/request-log.js';
import { targetForLog } from '../../src/server/request-target.js';
import { checkRequest, chooseResponse, headerSafe, operations as facts, preferTarget } from '../../src/simulator/index.js';
import { githubMediaType } from '../../src/simulator/media-type.js';
import { docsPages } from './docs.js';
import { bundleFile, createPrismMock, prismOperations } from './prism-engine.js';

/** Writes a refusal of the request checks: its JSON body (if any), headers and reason. */
function sendRefusal(response, refusal) {
  const headers = { ...refusal.headers, 'x-simulator-reason': headerSafe(refusal.reason) };
  if (refusal.body === undefined) {
    response.writeHead(refusal.status, headers);
    return response.end();
  }
  sendJson(response, refusal.status, refusal.body, { ...headers, 'x-github-media-type': githubMediaType });
}

/** Writes Prism's response: JSON the way GitHub labels it, plus which preference was applied. */
function sendPrismAnswer(response, output, choice) {
  const headers = {};
  for (const [name, value] of Object.entries(output.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-type') continue;
    // X-GitHub-OTP means "send your one-time password": only the otp-required answer carries it.
    if (lower === 'x-github-otp' && choice.exampleKey !== 'otp-required') continue;
    headers[lower] = value;
  }
  const applied = [choice.code && `code=${choice.code}`, choice.exampleKey && `example=${choice.exampleKey}`].filter(Boolean).join(', ');
  if (applied) headers['preference-applied'] = applied;
  if (output.body === undefined) {
    response.writeHead(output.statusCode, headers);
    return response.end();
  }
  sendJson(response, output.statusCode, output.body, { ...headers, 'x-github-media-type': githubMediaType });
}

/**
 * @param {{ verbose?: boolean, allowedHosts?: readonly string[] }} [options] `allowedHosts`: Host names answered besides localhost, *.localhost and IP addresses
 * @returns {Promise<{ server: import('node:http').Server, routes: ReadonlyArray<{ method: string, path: string }> }>} the server, not yet listening
 */
export async function createMockServer({ verbose = false, allowedHosts = [] } = {}) {
  const hosts = hostAllowList(allowedHosts);
  const operations = await prismOperations(bundleFile);
  const mock = createPrismMock(verbose);
  const pages = docsPages();
  const targets = new Map(facts.map((operation) => [operation, preferTarget(operation)]));

  async function handle(request, response) {
    const received = await receive(request, response, { allowedHosts: hosts });
    if (!received) return;
    const { path } = received;
    // A Content-Encoding is judged by checkRequest below, as the simulator judges it.
    if (refuseTransferCoding(request, response)) return;
    const page = pages.get(path);
    if (page) return page(request, response);

    const checked = checkRequest(apiCallOf(request, received, path));
    if ('refusal' in checked) return sendRefusal(response, checked.refusal);
    const { operation } = checked.route;
    const choice = chooseResponse(targets.get(operation) ?? preferTarget(operation), request.headers.prefer);
    if ('problem' in choice) return sendJson(response, 400, { message: choice.problem });

    const prismOperation = operations.get(`${operation.method} ${operation.path}`);
    sendPrismAnswer(response, await mock(prismOperation, { method: operation.method, url: { path }, headers: {}, body: checked.body }, choice), choice);
  }

  const server = createServer(serverOptions, (request, response) => {
    if (verbose) logRequest(request, response, console.log);
    handle(request, response).catch((error) => {
      // A bug in the mock, not in the request: say so, once, and keep serving.
      console.error(`mock error on ${request.method} ${targetForLog(request.url).slice(0, 200)}: ${errorLine(error)}`);
      if (!response.headersSent) sendJson(response, 500, { message: `Mock error: ${error.message}` });
      else response.destroy();
    });
  });
  answerClientErrors(server);
  answerConnect(server);
  return { server, routes: facts };
}
