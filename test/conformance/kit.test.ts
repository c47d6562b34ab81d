// The conformance kit against real HTTP targets: a running simulator (every check passes), and
// targets that differ in one way each (every difference caught, by the check that names it):
// Prism's documented examples (`npm start -- --static`), a Link dropped, another 404 message, the
// other status for an unserved method. Then the safety rules: nothing of the kit's is left after an
// abort, an interrupted run's leftovers are deleted by the next run's first step and nothing else
// is touched, --dry-run sends nothing, plain http leaves only this machine with --insecure.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer } from '../../scripts/mock/mock-server.js';
import { startMock } from '../../scripts/mock/start-mock.js';
import type { StartedMock } from '../../scripts/mock/start-mock.js';
import { closeServer, listen } from '../../src/server/serve.js';
import { runConformance, transportFor, type ConformanceOptions, type Transport } from '../../src/conformance/run.js';
import { notePrefix } from '../../src/conformance/scenarios.js';

const app = { clientId: 'c0ffee00c0ffee00c0ff', clientSecret: 'kit-app-secret-value' };
const password = 'the-real-password-1';
let mock: StartedMock;

beforeAll(async () => {
  mock = await startMock({ accounts: { mona: { password, otp: { code: '654321', channel: 'sms' } }, hubot: { password } } });
});
afterAll(() => mock.stop());

const options = (target: ConformanceOptions['target'], more: Partial<ConformanceOptions> = {}): ConformanceOptions => ({ target, user: 'hubot', password, app, ...more });

/** The running mock through fetch, each answer changed by `change` (a target that differs in one way). */
function changed(change: (request: Request, response: Response) => Response | Promise<Response>): Transport {
  const real = transportFor(`${mock.url}/api/v3`);
  return { base: real.base, send: async (request) => change(request, await real.send(request.clone())) };
}

const failures = (report: Awaited<ReturnType<typeof runConformance>>) => report.checks.filter((check) => check.outcome === 'fail').map((check) => `${check.step} ${check.check}`);

describe('the kit against a running simulator', () => {
  it('passes every check, on a two-factor account, and leaves nothing behind', async () => {
    mock.simulator.reset();
    const lines: string[] = [];
    const report = await runConformance(options(`${mock.url}/api/v3`, { user: 'mona', otp: () => '654321', log: (line) => lines.push(line) }));
    expect(failures(report)).toEqual([]);
    expect(report.checks.filter((check) => check.outcome === 'skip')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.twoFactor).toBe(true);
    expect(report.sent).toBeLessThanOrEqual(report.budget);
    expect(lines[0]).toMatch(new RegExp(`at most ${report.budget} requests`));
    expect(mock.simulator.state('mona').mona!.authorizations.filter((item) => item.note?.startsWith(notePrefix))).toEqual([]);
  });
});

describe('the kit against targets that differ', () => {
  it("a Link dropped: the pages step's link check", async () => {
    const report = await runConformance(
      options(
        changed((_request, response) => {
          const headers = new Headers(response.headers);
          headers.delete('link');
          return new Response(response.body, { status: response.status, headers });
        }),
      ),
    );
    expect(failures(report)).toEqual(['pages link']);
    expect(report.ok).toBe(false);
  });

  it("another 404 message for an unknown id: the unknown-id step's message (and body) check", async () => {
    const report = await runConformance(
      options(
        changed(async (request, response) => {
          if (response.status !== 404 || request.method !== 'GET') return response;
          const body = { ...(await response.json()), message: 'Not found' };
          return new Response(JSON.stringify(body), { status: 404, headers: response.headers });
        }),
      ),
    );
    expect(failures(report)).toEqual(['unknown-id message', 'unknown-id body']);
  });

  it('the other status for an unserved method (404 for 405, or 405 for 404): the unserved-method status check', async () => {
    const report = await runConformance(
      options(
        changed(async (request, response) => {
          if (request.method !== 'PUT' || !request.url.endsWith('/authorizations')) return response;
          return new Response(await response.text(), { status: response.status === 405 ? 404 : 405, headers: response.headers });
        }),
      ),
    );
    expect(failures(report)).toEqual(['unserved-method status']);
  });

  it("Prism's documented examples (npm start -- --static): caught, the Link and Location on the docs' host among them", async () => {
    const { server } = (await createMockServer()) as { server: Server };
    const url = await listen(server, { host: '127.0.0.1', port: 0 });
    try {
      const report = await runConformance(options(`${url}/api/v3`, { user: 'octocat', password: 'secret' }));
      const failed = failures(report);
      expect(report.ok).toBe(false);
      expect(failed).toContain('create location');
      expect(failed).toContain('create body');
      expect(failed).toContain('pages link');
      expect(failed).toContain('duplicate-note status');
      // Its list holds authorizations of the app that are not the kit's: no grant of it is touched.
      expect(report.checks.find((check) => check.step === 'grant-delete')).toMatchObject({ outcome: 'skip', detail: expect.stringContaining("not the kit's") });
    } finally {
      await closeServer(server);
    }
  });
});

describe('the kit on a server it must not harm', () => {
  /** Everything of `user` that is not the kit's, and all other users: what must not change. */
  const untouched = (user: string) => {
    const state = mock.simulator.state();
    return { ...state, [user]: { authorizations: (state[user]?.authorizations ?? []).filter((item) => !item.note?.startsWith(notePrefix)) } };
  };

  it('after an abort midway, deletes what it created (the Ctrl-C path)', async () => {
    mock.simulator.reset();
    const controller = new AbortController();
    let sent = 0;
    const target = changed((_request, response) => {
      if (++sent === 8) controller.abort(); // after the create steps
      return response;
    });
    const report = await runConformance(options(target, { signal: controller.signal }));
    expect(report.interrupted).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.cleanup.createdDeleted).toBeGreaterThan(0);
    expect(report.cleanup.notDeleted).toEqual([]);
    expect(mock.simulator.state('hubot').hubot!.authorizations.filter((item) => item.note?.startsWith(notePrefix))).toEqual([]);
  });

  it("after a run cut off midway (its connection gone, no clean-up possible), the next run's first step deletes its leftovers and nothing else", async () => {
    mock.simulator.reset();
    await fetch(`${mock.url}/api/v3/authorizations`, { method: 'POST', headers: { authorization: `Basic ${btoa(`hubot:${password}`)}` }, body: JSON.stringify({ note: "not the kit's", scopes: [] }) });
    await fetch(`${mock.url}/api/v3/authorizations`, { headers: { authorization: `Basic ${btoa(`octocat:x`)}` } });
    let sent = 0;
    const real = transportFor(`${mock.url}/api/v3`);
    const cut: Transport = {
      base: real.base,
      send: async (request) => {
        if (++sent > 10) throw new TypeError('fetch failed'); // the process is gone: nothing more reaches the server
        return real.send(request);
      },
    };
    const first = await runConformance(options(cut));
    expect(first.ok).toBe(false);
    const left = mock.simulator.state('hubot').hubot!.authorizations.filter((item) => item.note?.startsWith(notePrefix));
    expect(left.length).toBeGreaterThan(0);
    expect(first.cleanup.notDeleted.sort()).toEqual(left.map((item) => item.id).sort());
    const before = untouched('hubot');

    const lines: string[] = [];
    const deleted: string[] = [];
    const watched = changed((request, response) => {
      if (request.method === 'DELETE') deleted.push(new URL(request.url).pathname);
      return response;
    });
    const second = await runConformance(options(watched, { log: (line) => lines.push(line) }));
    expect(second.cleanup.leftoversDeleted).toBe(left.length);
    // The first deletes are the leftovers, found by the note prefix.
    expect(deleted.slice(0, left.length).sort()).toEqual(left.map((item) => `/api/v3/authorizations/${item.id}`).sort());
    expect(lines[1]).toBe(`clean-up scan: ${left.length} authorization(s) left by earlier runs deleted, 3 others untouched`);
    expect(second.ok).toBe(true);
    expect(untouched('hubot')).toEqual(before);
  });

  it('--dry-run lists the steps and the budget and sends nothing', async () => {
    let sent = 0;
    const lines: string[] = [];
    const report = await runConformance(
      options(
        changed((_request, response) => (sent++, response)),
        { dryRun: true, log: (line) => lines.push(line) },
      ),
    );
    expect(sent).toBe(0);
    expect(report.plan.length).toBeGreaterThan(20);
    expect(lines.slice(1)).toEqual(report.plan.map((line) => `  ${line}`));
  });

  it('refuses plain http to another machine unless --insecure, and credentials in the URL', () => {
    expect(() => transportFor('http://ghes.example.com/api/v3')).toThrow(/plain http .* --insecure/);
    expect(transportFor('http://ghes.example.com/api/v3', { insecure: true }).base).toBe('http://ghes.example.com/api/v3');
    expect(transportFor('https://ghes.example.com/api/v3/').base).toBe('https://ghes.example.com/api/v3');
    expect(transportFor('http://127.0.0.1:4010').base).toBe('http://127.0.0.1:4010');
    expect(transportFor('http://localhost:4010/api/v3').base).toBe('http://localhost:4010/api/v3');
    expect(() => transportFor('https://mona:pw@ghes.example.com')).toThrow(/no credentials in the URL/);
    expect(() => transportFor('ftp://ghes.example.com')).toThrow(/http\(s\)/);
  });
});
