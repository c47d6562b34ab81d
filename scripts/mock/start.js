// `npm start`: rebuild the contract if openapi/ changed, then serve the mock on PORT/HOST
// (default http://127.0.0.1:4010) until Ctrl-C or SIGTERM. Options: --verbose (or MOCK_VERBOSE=1).
import { mockBanner } from './banner.js';
import { rebuildIfStale } from './rebuild-if-stale.js';
import { closeServer, exitOnSignals, fail, listen, listenAddress } from './serve.js';

const options = process.argv.slice(2);
const unknown = options.filter((option) => option !== '--verbose');
if (unknown.length > 0) fail(new Error(`unknown option ${unknown[0]}: the only option is --verbose`));
const verbose = options.includes('--verbose') || /^(1|true|yes|on)$/i.test(process.env.MOCK_VERBOSE ?? '');
let address;
try {
  address = listenAddress();
} catch (error) {
  fail(error);
}

let server;
const rebuild = rebuildIfStale();
exitOnSignals(async () => {
  await rebuild.stop();
  if (server) await closeServer(server);
});

try {
  // Loading Prism takes most of the start-up time: do it while the rebuild (if any) runs.
  const [{ createMockServer }] = await Promise.all([import('./mock-server.js'), rebuild.done]);
  const mock = await createMockServer({ verbose });
  server = mock.server;
  const url = await listen(server, address);
  console.log(mockBanner({ url, routes: mock.routes, verbose }));
} catch (error) {
  fail(error);
}
