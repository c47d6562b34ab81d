// `npm start`: rebuild the contract if openapi/ changed, then serve the mock on PORT/HOST
// (default http://127.0.0.1:4010) until Ctrl-C or SIGTERM. By default the mock is the simulator
// (state per user, src/simulator/); `--static` serves the documented examples through Prism.
// Options: src/server/options.ts (npm start -- --help lists them). Run by Node with tsx
// (`node --import tsx`, package.json), which imports the TypeScript of src/ as it is.
import { rebuildIfStale } from './rebuild-if-stale.js';
import { closeServer, exitOnSignals, fail, listen } from '../../src/server/serve.js';
import { parseStartOptions, usage } from './start-options.js';

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
    // Loading Prism takes most of the start-up time: do it while the rebuild (if any) runs; the
    // server, which imports the simulator's checks and so generated/, after it.
    await Promise.all([import('./prism-engine.js'), rebuild.done]);
    const [{ createMockServer }, { staticBanner }] = await Promise.all([import('./mock-server.js'), import('./banners.js')]);
    const mock = await createMockServer({ verbose, allowedHosts: [address.host, ...(options.allowedHosts ?? [])] });
    server = mock.server;
    const url = await listen(server, address);
    console.log(staticBanner({ url, routes: mock.routes, verbose }));
  } else {
    await rebuild.done;
    // After the rebuild: the simulator imports generated/.
    const [{ serveSimulator }, { simulatorBannerLines }, { docsPages }] = await Promise.all([import('../../src/server/serve-simulator.js'), import('./banners.js'), import('./docs.js')]);
    mock = await serveSimulator(options, address, { pages: docsPages(), bannerLines: simulatorBannerLines });
  }
} catch (error) {
  fail(error);
}
