// 4. Mock: autocannon (10 connections; 10 s a sample) on GET /authorizations and POST
// /authorizations (Basic credentials) against the simulator as `npm start` runs it (its command
// from package.json, on a free port, as test/mock/global-setup.ts starts it) and against bare Prism
// with quiet logging (`prism mock generated/openapi.json --verboseLevel silent`), side by side, and
// against the ceiling: a bare node:http server writing the simulator's own answer bytes
// (ceiling-server.js), so the simulator's share of it is what its work costs.
//
// The simulator keeps state, so both routes are measured the way an app uses it: each sample is one
// user name of its own; GET lists a user holding a full first page (30 authorizations), and every
// POST creates a new authorization (a personal token with a note of its own, numbered by
// autocannon's `setupRequest`), so none is refused as a duplicate and the list grows for the whole
// sample. The sample's user is reset afterwards.
//
// The simulator runs twice, with its request journal (the default) and without (`--no-journal`), in
// the same rounds: the journal's cost is the ratio of the two (goal: within 5%). The simulator is asked for
// `Accept: application/vnd.github+json`, as GitHub's clients send; bare Prism answers that with
// 406, so it is asked for `Accept: application/json`. Non-2xx answers are counted, not hidden.
//
// Each sample also reads the server process's CPU time (user and system, from /proc on Linux) and
// reports it per request answered, with the ceiling's and journal-off's over it: requests/s swing
// with whatever else runs on the machine, CPU time a request far less, so on a loaded machine these
// ratios still tell what a change to the hot path bought.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePorts, start, stop, waitUntilAnswering } from './processes.js';
import { interleave, median, pairedRatio } from './rounds.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const prismCli = createRequire(import.meta.url).resolve('@stoplight/prism-cli/dist/index.js');
const connections = 10;
const goalP99Ms = 5;
const goalRatio = 2;
const simulatorName = 'the simulator (npm start)';
const unjournaledName = 'the simulator, journal off (npm start -- --no-journal)';
const goalJournalRatio = 0.95;
const prismName = 'bare Prism, quiet logging';
const ceilingName = 'ceiling: bare node:http, the same bytes';
const ceilingServer = fileURLToPath(new URL('./ceiling-server.js', import.meta.url));
const createBody = (note) => JSON.stringify({ scopes: ['repo'], note, note_url: 'https://example.com/bench' });
const firstPage = 30;

const basic = (user) => `Basic ${Buffer.from(`${user}:secret`).toString('base64')}`;

/** The servers, each `{ args, env, accept, stateful }`: how to start it and what it is asked for. */
async function servers() {
  const [command, ...args] = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).scripts.start.split(' ');
  if (command !== 'node') throw new Error(`npm start runs ${command}, not node: update scripts/bench/mock.js`);
  /** @type {Record<string, { args: string[], env?: Record<string, string>, accept: string, stateful: boolean, port?: number, url?: string }>} */
  const entries = {
    [simulatorName]: { args, env: { HOST: '127.0.0.1' }, accept: 'application/vnd.github+json', stateful: true },
    [unjournaledName]: { args: [...args, '--no-journal'], env: { HOST: '127.0.0.1' }, accept: 'application/vnd.github+json', stateful: true },
    [prismName]: { args: [prismCli, 'mock', 'generated/openapi.json', '--host', '127.0.0.1', '--verboseLevel', 'silent'], accept: 'application/json', stateful: false },
  };
  const ports = await freePorts(Object.keys(entries).length + 1);
  for (const [index, server] of Object.values(entries).entries()) {
    server.port = ports[index];
    server.url = `http://127.0.0.1:${server.port}`;
    if (server.env) server.env.PORT = String(server.port);
    else server.args.push('--port', String(server.port));
  }
  return { entries, ceilingPort: ports.at(-1) };
}

/**
 * The simulator's answers to one GET (a user holding a full first page) and one POST (a create),
 * as the ceiling server replays them: status, headers and body bytes.
 */
async function recordAnswers(simulator) {
  const answers = {};
  for (const route of ['GET', 'POST']) {
    const user = await userFor(simulator, route);
    const response = await fetch(`${simulator.url}/authorizations`, {
      method: route,
      headers: { authorization: basic(user), accept: simulator.accept, ...(route === 'POST' && { 'content-type': 'application/json' }) },
      ...(route === 'POST' && { body: createBody('ceiling') }),
    });
    const body = Buffer.from(await response.arrayBuffer());
    const headers = Object.fromEntries([...response.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)));
    answers[route] = { status: response.status, headers, body: body.toString('base64') };
    await forget(simulator, user);
  }
  return answers;
}

let users = 0;
let notes = 0;

/** A user name of its own for one sample; for GET, holding a full first page. */
async function userFor(server, route) {
  const user = `bench-${route.toLowerCase()}-${++users}`;
  if (!server.stateful || route !== 'GET') return user;
  for (let n = 0; n < firstPage; n++) {
    const response = await fetch(`${server.url}/api/v3/authorizations`, {
      method: 'POST',
      headers: { authorization: basic(user), accept: server.accept, 'content-type': 'application/json' },
      body: createBody(`seed ${n}`),
    });
    if (response.status !== 201) throw new Error(`${server.name} refused to create the GET sample's authorizations: ${response.status} ${await response.text()}`);
  }
  return user;
}

/** Forgets the sample's user (the simulator's control API), so that samples do not pile up. */
async function forget(server, user) {
  if (!server.stateful) return;
  const response = await fetch(`${server.url}/_simulator/reset`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-simulator-control': '1' }, body: JSON.stringify({ user }) });
  if (response.status !== 204) throw new Error(`${server.name} did not reset ${user}: ${response.status} ${await response.text()}`);
}

let ticksPerSecond;

/**
 * The CPU time (user and system, µs) process `pid` has used so far, from /proc (Linux), or undefined
 * where there is none. Unlike requests/s, CPU time per request hardly moves when other processes
 * take the cores: on a loaded machine it is the figure that can still tell two servers apart.
 */
function cpuMicros(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** One autocannon run: requests/s, p50 and p99 latency (ms, of the 2xx answers), the server's CPU µs a request, and what went wrong. */
async function load(server, route, seconds) {
  const user = await userFor(server, route);
  const cpuBefore = cpuMicros(server.process.child.pid);
  const result = await autocannon({
    url: `${server.url}/authorizations`,
    connections,
    duration: seconds,
    method: route,
    headers: { authorization: basic(user), accept: server.accept, ...(route === 'POST' && { 'content-type': 'application/json' }) },
    // A new note for every request (autocannon's own `[<id>]` replacement miscounts Content-Length).
    ...(route === 'POST' && { requests: [{ setupRequest: (request) => ({ ...request, body: createBody(`bench ${++notes}`) }) }] }),
  });
  const cpuAfter = cpuMicros(server.process.child.pid);
  await forget(server, user);
  return {
    requestsPerSecond: result.requests.total / result.duration,
    cpuMicrosPerRequest: cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0 ? undefined : (cpuAfter - cpuBefore) / result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses: Object.keys(result.statusCodeStats ?? {}).join(' '),
  };
}

/** The CPU columns of a row: µs a request (median), and the ceiling's and journal-off's CPU a request over this one's, round by round. */
function cpuCells(runs, ceilingRuns, unjournaledRuns) {
  const cpu = (list) => list.map((run) => run.cpuMicrosPerRequest);
  if ([...cpu(runs), ...cpu(ceilingRuns), ...cpu(unjournaledRuns)].some((value) => !(value > 0))) return ['n/a', 'n/a', 'n/a'];
  return [median(cpu(runs)), pairedRatio(cpu(ceilingRuns), cpu(runs)), pairedRatio(cpu(unjournaledRuns), cpu(runs))];
}

export async function benchMock({ quick }) {
  const settings = quick ? { rounds: 1, warmup: 1, seconds: 1, warmupSeconds: 0.5 } : { rounds: 3, warmup: 1, seconds: 10, warmupSeconds: 2 };
  const { entries: configured, ceilingPort } = await servers();
  const running = Object.entries(configured).map(([name, server]) => ({ name, ...server, process: start(process.execPath, server.args, { cwd: root, env: server.env }) }));
  const scratch = mkdtempSync(join(tmpdir(), 'bench-ceiling-'));
  try {
    await Promise.all(running.map((server) => waitUntilAnswering(server.process, `${server.url}/authorizations`)));
    const simulator = running.find((server) => server.name === simulatorName);
    if (!simulator) throw new Error(`no server named ${simulatorName}`);
    const answersFile = join(scratch, 'answers.json');
    writeFileSync(answersFile, JSON.stringify(await recordAnswers(simulator)));
    const ceiling = { name: ceilingName, args: [ceilingServer, answersFile, String(ceilingPort)], accept: simulator.accept, stateful: false, url: `http://127.0.0.1:${ceilingPort}` };
    const ceilingProcess = start(process.execPath, ceiling.args, { cwd: root });
    running.push({ ...ceiling, process: ceilingProcess });
    await waitUntilAnswering(ceilingProcess, `${ceiling.url}/authorizations`);
    /** @type {Record<string, (round: { warmup: boolean }) => ReturnType<typeof load>>} */
    const contenders = {};
    for (const server of running) {
      for (const route of ['GET', 'POST']) {
        // Each answers 2xx before it is timed, or the benchmark stops here, with the server's output.
        const check = await load(server, route, 0.2);
        if (check.non2xx + check.errors > 0 || check.requestsPerSecond === 0) {
          throw new Error(`${server.name} answered ${route} /authorizations with ${check.statuses || 'errors'}:\n${server.process.output().slice(0, 2000)}`);
        }
        contenders[`${server.name}|${route}`] = ({ warmup }) => load(server, route, warmup ? settings.warmupSeconds : settings.seconds);
      }
    }
    const samples = await interleave(contenders, settings);

    const rows = [];
    for (const [key, runs] of Object.entries(samples)) {
      const [server, route] = key.split('|');
      const prismRuns = samples[`${prismName}|${route}`];
      const ceilingRuns = samples[`${ceilingName}|${route}`];
      const unjournaledRuns = samples[`${unjournaledName}|${route}`];
      rows.push([
        server,
        `${route} /authorizations`,
        Math.round(median(runs.map((run) => run.requestsPerSecond))),
        median(runs.map((run) => run.p50)),
        median(runs.map((run) => run.p99)),
        runs.reduce((sum, run) => sum + run.non2xx + run.errors, 0),
        pairedRatio(
          runs.map((run) => run.requestsPerSecond),
          prismRuns.map((run) => run.requestsPerSecond),
        ),
        pairedRatio(
          runs.map((run) => run.requestsPerSecond),
          ceilingRuns.map((run) => run.requestsPerSecond),
        ),
        pairedRatio(
          runs.map((run) => run.requestsPerSecond),
          unjournaledRuns.map((run) => run.requestsPerSecond),
        ),
        ...cpuCells(runs, ceilingRuns, unjournaledRuns),
      ]);
    }
    const ours = rows.filter(([server]) => server === simulatorName);
    const met = ours.every(([, , , , p99, failures, ratio, , journalRatio]) => p99 <= goalP99Ms && failures === 0 && ratio >= goalRatio && journalRatio >= goalJournalRatio);
    const ceilingShare = Object.fromEntries(ours.map(([, route, , , , , , share]) => [route, share]));
    return {
      id: 'mock',
      title: `Mock: autocannon, ${connections} connections, ${settings.seconds} s a sample, median of ${settings.rounds} interleaved rounds`,
      settings: { ...settings, connections },
      columns: [
        'server',
        'route',
        'requests/s',
        'p50 ms',
        'p99 ms',
        'non-2xx or errors',
        'req/s × bare Prism quiet',
        'req/s × ceiling',
        'req/s × journal off',
        'server CPU µs/request',
        'CPU: ceiling ÷ this',
        'CPU: journal off ÷ this',
      ],
      rows,
      goal: {
        text: `the simulator: at least ${goalRatio}× the requests/s of bare Prism with quiet logging, p99 ≤ ${goalP99Ms} ms, all 2xx; with its journal, at least ${goalJournalRatio}× its requests/s without`,
        met,
      },
      notes: [
        `stateful: a user of its own per sample; GET lists a user with ${firstPage} authorizations, each POST creates one more (a unique note)`,
        'the simulator is asked for Accept: application/vnd.github+json; bare Prism answers that with 406, so it is asked for Accept: application/json',
        'latency has autocannon’s 1 ms resolution',
        `the ceiling is a bare node:http server that reads each request and writes the simulator's recorded answer to it (same status, headers and bytes): the simulator reaches ${Object.entries(
          ceilingShare,
        )
          .map(([route, share]) => `${share.toFixed(2)}× of it on ${route}`)
          .join(' and ')} (issue goal: 0.8× on GET, 0.7× on POST)`,
        'journal on and off: the same simulator and command, with and without --no-journal, in the same rounds (the journal keeps the last 1,000 requests, redacted)',
        "server CPU: the server process's user and system time over the sample (/proc, Linux; n/a elsewhere) per request answered; a ratio below 1 is the share of the ceiling's (or journal-off) throughput the server would reach if CPU were all that bound it, and it holds on a loaded machine, where requests/s swing with other processes",
      ],
      samples,
    };
  } finally {
    await Promise.all(running.map((server) => stop(server.process)));
    rmSync(scratch, { recursive: true, force: true });
  }
}
