// 4. Mock: autocannon (10 connections; 10 s a sample) on GET /authorizations and POST
// /authorizations (a valid body, Basic credentials) against the mock as `npm start` runs it (its
// command from package.json, on a free port, as test/mock/global-setup.ts starts it) and against
// bare Prism (`prism mock generated/openapi.json`), with its default logging and with quiet
// logging (`--verboseLevel silent`). The mock is asked for `Accept: application/vnd.github+json`,
// as GitHub's clients send; bare Prism answers that with 406, so it is asked for
// `Accept: application/json`, and both answer 2xx. Non-2xx answers are counted, not hidden.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePorts, start, stop, waitUntilAnswering } from './processes.js';
import { interleave, median, pairedRatio } from './rounds.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bundle = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8'));
const prismCli = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
const connections = 10;
const goalP99Ms = 12;

const authorization = `Basic ${Buffer.from('octocat:secret').toString('base64')}`;
const createBody = JSON.stringify(bundle.components.examples['create-authorization-request'].value);

/** The servers, each `{ command, args, env, accept }`: how to start it and what it is asked for. */
async function servers() {
  const [command, ...args] = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts.start.split(' ');
  if (command !== 'node') throw new Error(`npm start runs ${command}, not node: update scripts/bench/mock.js`);
  const prism = (quiet) => ({
    args: [prismCli, 'mock', 'generated/openapi.json', '--host', '127.0.0.1', ...(quiet ? ['--verboseLevel', 'silent'] : [])],
    accept: 'application/json',
  });
  const entries = {
    'the mock (npm start)': { args, env: { HOST: '127.0.0.1' }, accept: 'application/vnd.github+json' },
    'bare Prism, default logging': prism(false),
    'bare Prism, quiet logging': prism(true),
  };
  const ports = await freePorts(Object.keys(entries).length);
  for (const [index, server] of Object.values(entries).entries()) {
    server.port = ports[index];
    if (server.env) server.env.PORT = String(server.port);
    else server.args.push('--port', String(server.port));
  }
  return entries;
}

/** One autocannon run: requests/s, p50 and p99 latency (ms, of the 2xx answers), and what went wrong. */
async function load(url, route, accept, seconds) {
  const result = await autocannon({
    url: `${url}/authorizations`,
    connections,
    duration: seconds,
    method: route,
    headers: { authorization, accept, ...(route === 'POST' && { 'content-type': 'application/json' }) },
    ...(route === 'POST' && { body: createBody }),
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses: Object.keys(result.statusCodeStats ?? {}).join(' '),
  };
}

export async function benchMock({ quick }) {
  const settings = quick ? { rounds: 1, warmup: 1, seconds: 1, warmupSeconds: 0.5 } : { rounds: 3, warmup: 1, seconds: 10, warmupSeconds: 2 };
  const configured = await servers();
  const running = Object.entries(configured).map(([name, server]) => ({ name, ...server, process: start(process.execPath, server.args, { cwd: root, env: server.env }) }));
  try {
    await Promise.all(running.map((server) => waitUntilAnswering(server.process, `http://127.0.0.1:${server.port}/authorizations`)));
    const contenders = {};
    for (const server of running) {
      for (const route of ['GET', 'POST']) {
        // Each answers 2xx before it is timed, or the benchmark stops here, with the server's output.
        const check = await load(`http://127.0.0.1:${server.port}`, route, server.accept, 0.2);
        if (check.non2xx + check.errors > 0 || check.requestsPerSecond === 0) {
          throw new Error(`${server.name} answered ${route} /authorizations with ${check.statuses || 'errors'}:\n${server.process.output().slice(0, 2000)}`);
        }
        contenders[`${server.name}|${route}`] = ({ warmup }) => load(`http://127.0.0.1:${server.port}`, route, server.accept, warmup ? settings.warmupSeconds : settings.seconds);
      }
    }
    const samples = await interleave(contenders, settings);

    const rows = [];
    const ratios = {};
    for (const [key, runs] of Object.entries(samples)) {
      const [server, route] = key.split('|');
      const quietRuns = samples[`bare Prism, quiet logging|${route}`];
      const ratio = pairedRatio(runs.map((run) => run.requestsPerSecond), quietRuns.map((run) => run.requestsPerSecond));
      ratios[key] = ratio;
      rows.push([
        server,
        `${route} /authorizations`,
        Math.round(median(runs.map((run) => run.requestsPerSecond))),
        median(runs.map((run) => run.p50)),
        median(runs.map((run) => run.p99)),
        runs.reduce((sum, run) => sum + run.non2xx + run.errors, 0),
        ratio,
      ]);
    }
    const ours = rows.filter(([server]) => server === 'the mock (npm start)');
    const met = ours.every(([, , , , p99, failures]) => p99 <= goalP99Ms && failures === 0) && ours.every(([, , , , , , ratio]) => ratio >= 1);
    return {
      id: 'mock',
      title: `Mock: autocannon, ${connections} connections, ${settings.seconds} s a sample, median of ${settings.rounds} interleaved rounds`,
      settings: { ...settings, connections },
      columns: ['server', 'route', 'requests/s', 'p50 ms', 'p99 ms', 'non-2xx or errors', 'req/s × bare Prism quiet'],
      rows,
      goal: { text: `the mock: p99 ≤ ${goalP99Ms} ms, all 2xx, and no slower than bare Prism with quiet logging`, met },
      notes: [
        'the mock is asked for Accept: application/vnd.github+json; bare Prism answers that with 406, so it is asked for Accept: application/json',
        'latency has autocannon’s 1 ms resolution',
      ],
      samples,
    };
  } finally {
    await Promise.all(running.map((server) => stop(server.process)));
  }
}
