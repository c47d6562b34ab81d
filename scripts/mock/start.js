// `npm start`: rebuild the contract if openapi/ changed, then serve the mock on PORT/HOST
// (default http://127.0.0.1:4010) until Ctrl-C or SIGTERM. By default the mock is the simulator
// (state per user, src/simulator/); `--static` serves the documented examples through Prism.
// Options: src/server/options.js (npm start -- --help lists them).
import { staticBanner } from '../../src/server/banner.js';
import { rebuildIfStale } from './rebuild-if-stale.js';
import { closeServer, exitOnSignals, fail, listen } from '../../src/server/serve.js';
import { parseStartOptions, usage } from '../../src/server/start-options.js';

let options;
try {
  options = parseStartOptions(process.argv.slice(2));
} catch (error) {
  fail(error);
}
if ('help' in options) {
  process.stdout.write(usage);
  process.exit(0);
}
const address = { host: options.host, port: options.port };

let server;
let mock;
const rebuild = rebuildIfStale();
exitOnSignals(async () => {
  await rebuild.stop();
  if (server) await closeServer(server);
  await mock?.stop();
});

try {
  const { verbose } = options;
  if (options.static) {
    // Loading Prism takes most of the start-up time: do it while the rebuild (if any) runs.
    const [{ createMockServer }] = await Promise.all([import('./mock-server.js'), rebuild.done]);
    const mock = await createMockServer({ verbose, allowedHosts: [address.host, ...(options.allowedHosts ?? [])] });
    server = mock.server;
    const url = await listen(server, address);
    console.log(staticBanner({ url, routes: mock.routes, verbose }));
  } else {
    await rebuild.done;
    const [{ loadSimulator }, { serveSimulator }] = await Promise.all([import('./load-simulator.js'), import('../../src/server/serve-simulator.js')]);
    mock = await serveSimulator(await loadSimulator(), options, address);
  }
} catch (error) {
  fail(error);
}
