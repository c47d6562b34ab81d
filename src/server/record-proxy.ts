/// <reference types="node" />
// The bin's `proxy <upstream> --record rec.json [--har rec.har]`: a recording proxy in front of a
// real server, from the installed package (no Prism: `npm run proxy` in the repository also
// validates every answer with it). Each request goes on to the upstream unchanged (the /api/v3
// prefix is the upstream URL's), redirects are passed back rather than followed (credentials stay on
// the upstream's origin), and each exchange is kept with its secrets scrubbed
// (src/conformance/recording.ts); an answer that breaks the contract is reported, one line.
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { contractProblems, operationOf } from '../conformance/compare.js';
import { createRecording, scrubExchange, toHar } from '../conformance/recording.js';
import { stripApiPrefix } from '../simulator/api-prefix.js';
import { jsonContentType } from '../simulator/media-type.js';
import { portOf } from './options.js';

export const proxyUsage = `Usage: ghes-oauth-authorizations proxy <upstream base URL> [--record rec.json] [--har rec.har] [--port 4010] [--host 127.0.0.1]

Forwards every request to the server (e.g. https://ghes.example.com/api/v3), unchanged, and writes
each exchange with its secrets scrubbed (Authorization, X-GitHub-OTP, passwords, client secrets,
tokens) to --record (JSON, for import and the conformance kit) and --har (HAR 1.2), after each one.
`;

export interface ProxyCommand {
  upstream: URL;
  record?: string;
  har?: string;
  port: number;
  host: string;
}

/** The command's options; throws a one-line Error. */
export function parseProxyArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ProxyCommand | { help: true } {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { record: { type: 'string' }, har: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) return { help: true };
  if (positionals.length !== 1) throw new Error('name the upstream: proxy https://ghes.example.com/api/v3 --record rec.json');
  const upstreamText = positionals[0]!;
  if (!URL.canParse(upstreamText) || !/^https?:$/.test(new URL(upstreamText).protocol)) throw new Error(`${JSON.stringify(upstreamText)} is not an http(s) URL`);
  return {
    upstream: new URL(upstreamText),
    ...(values.record !== undefined && { record: values.record }),
    ...(values.har !== undefined && { har: values.har }),
    port: values.port !== undefined ? portOf(values.port, '--port') : env.PORT ? portOf(env.PORT, 'PORT') : 4010,
    host: values.host ?? (env.HOST || '127.0.0.1'),
  };
}

const notForwarded = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'upgrade', 'proxy-connection', 'accept-encoding']);
const notReturned = new Set(['connection', 'keep-alive', 'content-length', 'transfer-encoding', 'content-encoding']);
const maxBody = 1024 * 1024;

/** The proxy server, not yet listening. */
export function createRecordingProxy({ upstream, record, har, report = console.log }: { upstream: URL; record?: string; har?: string; report?: (line: string) => void }): Server {
  const base = upstream.href.replace(/\/+$/, '');
  const recording = createRecording(base);
  const write = () => {
    if (record) writeFileSync(record, `${JSON.stringify(recording, null, 2)}\n`);
    if (har) writeFileSync(har, `${JSON.stringify(toHar(recording), null, 2)}\n`);
  };

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > maxBody) return send(response, 413, { message: `Request body over ${maxBody} bytes` });
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    const target = request.url ?? '/';
    const query = target.indexOf('?');
    const path = query < 0 ? stripApiPrefix(target) : `${stripApiPrefix(target.slice(0, query))}${target.slice(query)}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || notForwarded.has(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let answer: Response;
    try {
      answer = await fetch(`${base}${path}`, { method: request.method ?? 'GET', headers, redirect: 'manual', ...(body.length > 0 && { body }) });
    } catch (error) {
      report(`✗ ${request.method} ${path}: ${base} did not answer (${(error as Error).message})`);
      return send(response, 502, { message: `Bad Gateway: ${base} did not answer` });
    }
    const text = await answer.text();
    const answerHeaders: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!notReturned.has(name)) answerHeaders[name] = value;
    });
    recording.exchanges.push(
      scrubExchange({
        startedAt: new Date().toISOString(),
        method: request.method ?? 'GET',
        path,
        requestHeaders: request.headers,
        requestBody: body.toString('utf8'),
        status: answer.status,
        responseHeaders: answerHeaders,
        responseBody: text,
      }),
    );
    write();
    if (operationOf(request.method ?? 'GET', path)) {
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = text;
      }
      const problems = contractProblems(request.method ?? 'GET', path, { status: answer.status, headers: answerHeaders, body: parsed });
      report(problems.length === 0 ? `✓ ${request.method} ${path} → ${answer.status}` : `✗ ${request.method} ${path} → ${answer.status} breaks the contract: ${problems.join('; ')}`);
    } else report(`- ${request.method} ${path} → ${answer.status} (no operation of the contract)`);
    response.writeHead(answer.status, { ...answerHeaders, ...(text !== '' && { 'content-length': String(Buffer.byteLength(text)) }) });
    response.end(text === '' ? undefined : text);
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      report(`proxy error on ${request.method}: ${error.message}`);
      if (!response.headersSent) send(response, 500, { message: `Proxy error: ${error.message}` });
      else response.destroy();
    });
  });
}

function send(response: ServerResponse, status: number, body: object) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': jsonContentType, 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}
