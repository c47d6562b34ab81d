// The mock: a Node http server that checks each request the way the real GHES server does, where
// plain Prism answers differently (each check below says what it fixes), then lets Prism pick and
// assemble the documented response. The contract (generated/openapi.json) is read and every
// validator compiled once, at start; a request costs only the checks and Prism's negotiation.
import { createServer } from 'node:http';
import { hasBasicCredentials } from './authentication.js';
import { acceptsJson, githubMediaType } from './content-negotiation.js';
import { bundleFile, loadContract } from './contract-routes.js';
import { createDocsHandler, docsPaths } from './docs.js';
import {
  answerClientErrors,
  parseJson,
  receive,
  sendJson,
  serverOptions,
  targetForLog,
  unsupportedCoding,
} from './http-kit.js';
import { coerce, describeErrors } from './parameter-values.js';
import { chooseResponse } from './prefer.js';
import { createPrismMock, prismOperations } from './prism-engine.js';
import { matchRoute } from './route-matcher.js';
import { errorItems, validationFailedBody } from './validation-errors.js';

/**
 * Header parameters (X-GitHub-Api-Version) → 400; query parameters (per_page, page) → 422 naming
 * each one, like a body. Path parameters were checked when the route matched.
 * @returns {{ status: number, body: object } | undefined}
 */
function checkParameters(route, headers, search, validationFailed) {
  for (const parameter of route.headerParameters) {
    const value = headers[parameter.name.toLowerCase()];
    if (value !== undefined && !parameter.validate(coerce(parameter, value))) {
      return { status: 400, body: { message: `Bad ${parameter.name} header ${JSON.stringify(value)}: ${describeErrors(parameter.validate.errors)}` } };
    }
  }
  const query = new URLSearchParams(search);
  const problems = route.queryParameters.flatMap((parameter) => {
    const value = query.get(parameter.name);
    if (value === null || parameter.validate(coerce(parameter, value))) return [];
    return [{ field: parameter.name, code: 'invalid', message: `${parameter.name} ${describeErrors(parameter.validate.errors)}` }];
  });
  if (problems.length > 0) return { status: 422, body: validationFailedBody(validationFailed, problems) };
  return undefined;
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

/** @returns {Promise<{ server: import('node:http').Server, routes }>} the server, not yet listening */
export async function createMockServer({ verbose = false } = {}) {
  const contract = loadContract();
  const operations = await prismOperations(bundleFile);
  const mock = createPrismMock(verbose);
  const serveDocs = createDocsHandler();
  const documentation_url = contract.notFound.documentation_url;
  const routeList = contract.routes.map((route) => `${route.method.toUpperCase()} ${route.path}`).join(', ');

  async function handle(request, response) {
    const received = await receive(request, response);
    if (!received) return;
    const { rawBody, target, path } = received;
    const coding = unsupportedCoding(request, rawBody);
    if (coding) return sendJson(response, coding.status, { message: coding.message }, coding.headers);
    if (docsPaths.has(path)) return serveDocs(request, response);

    // 404 and 405 with a body that says what is wrong (plain Prism: a problem+json about routing).
    const method = request.method.toLowerCase();
    const match = matchRoute(contract.routes, method, path);
    if ('notFound' in match) {
      const why = match.notFound ? `: ${match.notFound}` : `. This API serves ${routeList} (also under /api/v3); docs at /docs`;
      return sendJson(response, 404, { message: `Not Found: no operation at ${request.method} ${path}${why}`, documentation_url });
    }
    if ('allow' in match) {
      const allow = match.allow.join(', ');
      if (method === 'options') {
        response.writeHead(204, { allow });
        return response.end();
      }
      return sendJson(response, 405, { message: `Method Not Allowed: ${path} accepts ${allow}, not ${request.method}`, documentation_url }, { allow });
    }
    const { route } = match;

    // Only Basic works: no credentials or a token → the contract's 401 and its Basic challenge.
    if (!hasBasicCredentials(request.headers.authorization)) {
      return sendJson(response, 401, contract.unauthorized.body, { 'www-authenticate': contract.unauthorized.challenge });
    }

    // GitHub's vendor media types are JSON (plain Prism: 406 for them).
    if (!acceptsJson(request.headers.accept)) {
      return sendJson(response, 406, {
        message: `Not Acceptable: this API answers only in JSON (application/json, application/vnd.github+json), and Accept was ${JSON.stringify(request.headers.accept)}`,
        documentation_url,
      });
    }

    const parameterProblem = checkParameters(route, request.headers, target.search, contract.validationFailed);
    if (parameterProblem) return sendJson(response, parameterProblem.status, { ...parameterProblem.body, documentation_url });

    // The body is JSON whatever Content-Type says, as on GitHub (curl -d sends a form type;
    // @octokit/request sends a content-type even without a body: plain Prism answers 415).
    let body;
    if (route.body) {
      const parsed = parseJson(rawBody);
      if (parsed && 'problem' in parsed) return sendJson(response, 400, { message: parsed.problem, documentation_url });
      body = parsed ? parsed.value : route.body.required ? {} : undefined;
      // A 422 that names the real offending fields (plain Prism: its fixed example).
      if (body !== undefined && !route.body.validate(body)) {
        return sendJson(response, 422, validationFailedBody(contract.validationFailed, errorItems(route.body.validate.errors)));
      }
    }

    const choice = chooseResponse(route, request.headers.prefer);
    if ('problem' in choice) return sendJson(response, 400, { message: choice.problem, documentation_url });

    const operation = operations.get(`${route.method} ${route.path}`);
    sendPrismAnswer(response, await mock(operation, { method: route.method, url: { path }, headers: {}, body }, choice), choice);
  }

  const server = createServer(serverOptions, (request, response) => {
    const started = verbose ? performance.now() : 0;
    if (verbose) {
      response.on('finish', () => console.log(`${request.method} ${targetForLog(request.url)} → ${response.statusCode} (${(performance.now() - started).toFixed(1)} ms)`));
    }
    handle(request, response).catch((error) => {
      // A bug in the mock, not in the request: say so, once, and keep serving.
      console.error(`mock error on ${request.method} ${targetForLog(request.url)}: ${error.stack ?? error}`);
      if (!response.headersSent) sendJson(response, 500, { message: `Mock error: ${error.message}` });
      else response.destroy();
    });
  });
  answerClientErrors(server);
  // CONNECT is not an operation of this API; without a listener Node would just drop the socket.
  server.on('connect', (_request, socket) => {
    const body = JSON.stringify({ message: 'Method Not Allowed: CONNECT' });
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
  });
  return { server, routes: contract.routes };
}
