// `npm start`: rebuild the contract if openapi/ changed, then serve the mock on PORT/HOST
// (default http://127.0.0.1:4010) until Ctrl-C or SIGTERM. By default the mock is the simulator
// (state per user, src/simulator/); `--static` serves the documented examples through Prism.
// Options: see start-options.js.
import { simulatorBanner, staticBanner } from './banner.js';
import { rebuildIfStale } from './rebuild-if-stale.js';
import { closeServer, exitOnSignals, fail, listen, listenAddress } from './serve.js';
import { parseStartOptions, readJsonOption } from './start-options.js';

let options;
let address;
try {
  options = parseStartOptions(process.argv.slice(2));
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
  const { verbose } = options;
  if (options.static) {
    // Loading Prism takes most of the start-up time: do it while the rebuild (if any) runs.
    const [{ createMockServer }] = await Promise.all([import('./mock-server.js'), rebuild.done]);
    const mock = await createMockServer({ verbose });
    server = mock.server;
    const url = await listen(server, address);
    console.log(staticBanner({ url, routes: mock.routes, verbose }));
  } else {
    const [accounts, data] = await Promise.all([
      options.accountsFile && readJsonOption('--accounts', options.accountsFile),
      options.dataFile && readJsonOption('--data', options.dataFile),
    ]);
    await rebuild.done;
    const [{ loadSimulator }, { createSimulatorServer }] = await Promise.all([import('./load-simulator.js'), import('./simulator-server.js')]);
    const { createSimulator, operations } = await loadSimulator();
    let simulator;
    try {
      simulator = createSimulator({ ...(accounts !== undefined && { accounts }), ...(options.delayMs !== undefined && { faults: { delayMs: options.delayMs } }) });
    } catch (error) {
      throw new Error(`--accounts ${options.accountsFile}: ${error.message}`);
    }
    if (data !== undefined) {
      try {
        simulator.load(data);
      } catch (error) {
        throw new Error(`--data ${options.dataFile}: ${error.message}`);
      }
    }
    server = createSimulatorServer({ simulator, verbose });
    const url = await listen(server, address);
    console.log(simulatorBanner({ url, routes: operations, verbose, accounts: accounts ?? {}, delayMs: options.delayMs }));
  }
} catch (error) {
  fail(error);
}
