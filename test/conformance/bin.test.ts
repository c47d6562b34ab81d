// `npx ghes-oauth-authorizations conformance` and `import` as processes (the bin, bundled from
// source once: test/support/bin-bundle.ts): a run against a running simulator exits 0 and writes
// both reports, with no secret in them or in its output; Ctrl-C midway still deletes what it
// created; secrets as arguments are refused; --dry-run sends nothing; import writes a data set the
// simulator loads; the bin's recording proxy. bin.slow.test.ts runs the rest as processes (a run
// killed midway, a recorded kit run replayed offline), which kit.test.ts and recording.test.ts
// check in process.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMock } from '../../scripts/mock/start-mock.js';
import { createRecording } from '../../src/conformance/recording.js';
import { notePrefix } from '../../src/conformance/scenarios.js';
import { createSimulator } from '../../src/simulator/index.js';
import { otp, password, useBinTarget } from './support/bin.js';

const target = useBinTarget();

describe('npx ghes-oauth-authorizations conformance', () => {
  it('against a running simulator (two-factor, --otp-command): exits 0, writes both reports, prints no secret', async () => {
    const run = target().run(
      ['conformance', '--target', `${target().mock.url}/api/v3`, '--user', 'mona', '--otp-command', `echo ${otp}`, '--client-id', 'c0ffee00c0ffee00c0ff', '--report', 'r.json', '--junit', 'r.xml'],
      {
        GHES_PASSWORD: password,
        GHES_CLIENT_SECRET: 'kit-secret-3',
      },
    );
    expect(await run.exited, run.output()).toBe(0);
    const json = await readFile(join(target().folder, 'r.json'), 'utf8');
    const junit = await readFile(join(target().folder, 'r.xml'), 'utf8');
    expect(JSON.parse(json)).toMatchObject({ ok: true, twoFactor: true, user: 'mona' });
    expect(junit).toMatch(/<testsuites name="ghes-oauth-authorizations conformance" tests="\d+" failures="0" skipped="0">/);
    expect(run.output()).toMatch(/^conformance: .* at most \d+ requests/m);
    expect(run.output()).toMatch(/^✓ pages link$/m);
    for (const text of [json, junit, run.output()]) for (const secret of [password, otp, 'kit-secret-3', btoa(`mona:${password}`)]) expect(text.includes(secret)).toBe(false);
    expect(target().kitsLeft('mona')).toEqual([]);
  });

  it('Ctrl-C midway: stops, deletes what it created, exits 1', async () => {
    // Answers 100 ms late, so that the signal surely lands while more than twenty requests remain.
    const slow = await startMock({ accounts: { hubot: { password } }, faults: { delayMs: 100 } });
    try {
      const run = target().run(['conformance', '--target', slow.url, '--user', 'hubot'], { GHES_PASSWORD: password });
      await run.line('✓ create-second status');
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(1);
      expect(run.output()).toMatch(/^stopped: interrupted; cleaning up$/m);
      expect(run.output()).toMatch(/^clean-up: nothing of the kit's is left \(2 deleted now/m);
      expect(slow.simulator.state('hubot').hubot!.authorizations.filter((item) => item.note?.startsWith(notePrefix))).toEqual([]);
    } finally {
      await slow.stop();
    }
  });

  it('refuses a password as an argument, and a plain-http target on another machine', async () => {
    const withPassword = target().run(['conformance', '--target', target().mock.url, '--user', 'hubot', '--password', password]);
    expect(await withPassword.exited).toBe(2);
    expect(withPassword.output()).toMatch(/^error: secrets are never arguments/);
    expect(withPassword.output()).not.toContain(password);
    const plain = target().run(['conformance', '--target', 'http://ghes.example.com/api/v3', '--user', 'hubot'], { GHES_PASSWORD: password });
    expect(await plain.exited).toBe(2);
    expect(plain.output()).toMatch(/plain http .* --insecure/);
    const noTerminal = target().run(['conformance', '--target', target().mock.url, '--user', 'hubot']);
    expect(await noTerminal.exited).toBe(2);
    expect(noTerminal.output()).toMatch(/no terminal to ask on; set GHES_PASSWORD/);
  });

  it('--dry-run prints the budget and the steps, sends nothing', async () => {
    const before = JSON.stringify(target().mock.simulator.state());
    const run = target().run(['conformance', '--target', 'https://ghes.example.com/api/v3', '--user', 'hubot', '--dry-run']);
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/at most \d+ requests/);
    expect(run.output()).toMatch(/^ {2}create: POST \/authorizations — /m);
    expect(run.output()).toMatch(/get-or-create: PUT \/authorizations\/clients\/\{clientId\} \(skipped: no OAuth app given\)/);
    expect(JSON.stringify(target().mock.simulator.state())).toBe(before);
  });
});

describe('npx ghes-oauth-authorizations import', () => {
  it('writes the data set a recording ends with, which the simulator loads', async () => {
    const recording = createRecording('https://ghes.example.com/api/v3');
    const created = createSimulator();
    const answer = await created.handle(
      new Request('https://ghes.example.com/api/v3/authorizations', {
        method: 'POST',
        headers: { authorization: `Basic ${btoa('mona:x')}` },
        body: JSON.stringify({ note: 'kept', scopes: ['repo'] }),
      }),
    );
    recording.exchanges.push({
      request: { method: 'POST', path: '/authorizations', user: 'mona', headers: {}, body: { note: 'kept', scopes: ['repo'] } },
      response: { status: 201, headers: {}, body: await answer.json() },
    } as never);
    await writeFile(join(target().folder, 'rec.json'), JSON.stringify(recording));
    const run = target().run(['import', 'rec.json', '--out', 'data.json']);
    expect(await run.exited, run.output()).toBe(0);
    const data = JSON.parse(await readFile(join(target().folder, 'data.json'), 'utf8'));
    expect(
      createSimulator({ data })
        .state('mona')
        .mona!.authorizations.map((item) => item.note),
    ).toEqual(['kept']);
    const bad = target().run(['import', 'missing.json']);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/^error: missing\.json: ENOENT/);
  });
});

describe('npx ghes-oauth-authorizations proxy --record', () => {
  it('forwards unchanged, records every exchange scrubbed (JSON and HAR), and the import gives the same list', async () => {
    const run = target().run(['proxy', `${target().mock.url}/api/v3`, '--record', 'proxied.json', '--har', 'proxied.har', '--port', '0']);
    await run.line('Recording proxy on ');
    const url = /Recording proxy on (\S+) /.exec(run.output())![1]!;
    const headers = { authorization: `Basic ${btoa(`mona:${password}`)}`, 'x-github-otp': otp, accept: 'application/vnd.github+json' };
    const created = await (await fetch(`${url}/api/v3/authorizations`, { method: 'POST', headers, body: JSON.stringify({ note: 'through the proxy', scopes: ['repo'] }) })).json();
    expect(created.token).toMatch(/^ghp_\w{36}$/);
    const direct = await (await fetch(`${target().mock.url}/api/v3/authorizations`, { headers })).text();
    const proxied = await (await fetch(`${url}/api/v3/authorizations`, { headers })).text();
    expect(proxied).toBe(direct);
    expect(run.output()).toMatch(/^✓ POST \/authorizations → 201$/m);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);

    const recorded = await readFile(join(target().folder, 'proxied.json'), 'utf8');
    const harText = await readFile(join(target().folder, 'proxied.har'), 'utf8');
    for (const text of [recorded, harText, run.output()]) for (const secret of [password, otp, created.token, btoa(`mona:${password}`)]) expect(text.includes(secret)).toBe(false);
    expect(JSON.parse(harText).log.entries).toHaveLength(2);
    const imported = target().run(['import', 'proxied.json']);
    expect(await imported.exited).toBe(0);
    const fresh = createSimulator({ data: JSON.parse(imported.output()) });
    const answer = await fresh.handle(new Request(`${target().mock.url}/api/v3/authorizations`, { headers: { authorization: headers.authorization } }));
    expect(await answer.text()).toBe(direct);
  });
});
