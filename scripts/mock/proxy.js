// `npm run proxy -- <upstream base URL>`: a validating proxy in front of a real GHES server (e.g.
// https://ghes.example.com/api/v3) on PORT/HOST (default http://127.0.0.1:4010). Point the app at
// the proxy; every request and response that breaks the contract is reported here.
// Options: src/server/options.ts (npm run proxy -- --help lists them); --verbose (or MOCK_VERBOSE=1)
// also lists the exchanges that conform.
import { writeFileSync } from 'node:fs';
import { createRecording, toHar } from '../../src/conformance/recording.js';
import { createProxyServer } from './proxy-server.js';
import { parseOptions, usageOf } from '../../src/server/options.js';
import { closeServer, exitOnSignals, fail, listen } from '../../src/server/serve.js';

const usage = 'usage: npm run proxy -- <upstream base URL>, e.g. npm run proxy -- https://ghes.example.com/api/v3 (--help lists the options)';
let options;
try {
  options = parseOptions('proxy', process.argv.slice(2), process.env);
} catch (error) {
  fail(error);
}
if ('help' in options) {
  process.stdout.write(usageOf('proxy'));
  process.exit(0);
}
const { verbose } = options;
const [upstreamText, ...extra] = options.positionals;
if (!upstreamText || extra.length > 0) fail(new Error(usage));
const upstream = URL.canParse(upstreamText) ? new URL(upstreamText) : undefined;
if (!upstream || !['http:', 'https:'].includes(upstream.protocol)) fail(new Error(`${JSON.stringify(upstreamText)} is not an http(s) URL; ${usage}`));

let server;
exitOnSignals(async () => {
  if (server) await closeServer(server);
});

try {
  const address = { host: options.host, port: options.port };
  // --record <file.json> (and --har <file.har>): every exchange, its secrets scrubbed, rewritten after each one.
  const { recordFile, harFile } = options;
  const recording = createRecording(upstream.href);
  const record =
    recordFile || harFile
      ? (exchange) => {
          recording.exchanges.push(exchange);
          if (recordFile) writeFileSync(recordFile, `${JSON.stringify(recording, null, 2)}\n`);
          if (harFile) writeFileSync(harFile, `${JSON.stringify(toHar(recording), null, 2)}\n`);
        }
      : undefined;
  server = await createProxyServer({ upstream, verbose, allowedHosts: [address.host, ...(options.allowedHosts ?? [])], ...(record && { record }) });
  const url = await listen(server, address);
  console.log(`Validating proxy (Prism) on ${url} (and ${url}/api/v3) → ${upstream.href}
Requests and responses that break generated/openapi.json are reported here.${verbose ? '' : ' --verbose also lists those that conform.'} Ctrl-C stops.`);
} catch (error) {
  fail(error);
}
