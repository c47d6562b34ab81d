// `npm run proxy -- <upstream base URL>`: a validating proxy in front of a real GHES server (e.g.
// https://ghes.example.com/api/v3) on PORT/HOST (default http://127.0.0.1:4010). Point the app at
// the proxy; every request and response that breaks the contract is reported here.
// Options: --verbose (or MOCK_VERBOSE=1) also lists the exchanges that conform.
import { writeFileSync } from 'node:fs';
import { createRecording, toHar } from '../../src/conformance/recording.js';
import { createProxyServer } from './proxy-server.js';
import { closeServer, exitOnSignals, fail, listen, listenAddress } from '../../src/server/serve.js';

const usage = 'usage: npm run proxy -- <upstream base URL> [--record rec.json] [--har rec.har], e.g. npm run proxy -- https://ghes.example.com/api/v3';
const options = process.argv.slice(2);
const verbose = options.includes('--verbose') || /^(1|true|yes|on)$/i.test(process.env.MOCK_VERBOSE ?? '');
// --record <file.json> (and --har <file.har>): every exchange, its secrets scrubbed, rewritten after each one.
const recordFiles = {};
for (const flag of ['--record', '--har']) {
  const at = options.indexOf(flag);
  if (at < 0) continue;
  const [, file] = options.splice(at, 2);
  if (!file || file.startsWith('--')) fail(new Error(`${flag} needs a file name`));
  recordFiles[flag] = file;
}
const [upstreamText, ...extra] = options.filter((option) => option !== '--verbose');
if (!upstreamText || extra.length > 0) fail(new Error(usage));
const upstream = URL.canParse(upstreamText) ? new URL(upstreamText) : undefined;
if (!upstream || !['http:', 'https:'].includes(upstream.protocol)) fail(new Error(`${JSON.stringify(upstreamText)} is not an http(s) URL; ${usage}`));

let server;
exitOnSignals(async () => {
  if (server) await closeServer(server);
});

try {
  const address = listenAddress();
  const recording = createRecording(upstream.href);
  const record =
    recordFiles['--record'] || recordFiles['--har']
      ? (exchange) => {
          recording.exchanges.push(exchange);
          if (recordFiles['--record']) writeFileSync(recordFiles['--record'], `${JSON.stringify(recording, null, 2)}\n`);
          if (recordFiles['--har']) writeFileSync(recordFiles['--har'], `${JSON.stringify(toHar(recording), null, 2)}\n`);
        }
      : undefined;
  server = await createProxyServer({ upstream, verbose, ...(record && { record }) });
  const url = await listen(server, address);
  console.log(`Validating proxy (Prism) on ${url} (and ${url}/api/v3) → ${upstream.href}
Requests and responses that break generated/openapi.json are reported here.${verbose ? '' : ' --verbose also lists those that conform.'} Ctrl-C stops.`);
} catch (error) {
  fail(error);
}
