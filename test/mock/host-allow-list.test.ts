// DNS rebinding: a page on attacker.example whose name is made to resolve to 127.0.0.1 reaches the
// server as a same-origin page would, but with `Host: attacker.example`. The server answers only
// the Host names that cannot be an attacker's (src/server/host-check.ts, hostAllowList), and the
// names it is told to; a refused Host gets a 403 naming --allowed-hosts, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type StartedMock } from '../../scripts/mock/start-mock.js';
import { hostAllowList, hostRefusal } from '../../src/server/host-check.js';
import { parseStartOptions } from '../../scripts/mock/start-options.js';
import { parseCommandLine } from '../../src/server/cli.js';
import { rawExchange } from '../support/raw-http.js';
import { basic } from './support/calls.js';

const refusal = (host: string, names: string[] = []) => hostRefusal({ headers: { host } }, hostAllowList(names));

describe('hostRefusal', () => {
  it.each(['localhost', 'localhost:4010', 'LOCALHOST.', 'app.localhost:5173', '127.0.0.1:4010', '10.0.0.7', '[::1]:4010', '[fe80::1]', ''])('answers %j by default', (host) => {
    expect(refusal(host)).toBeUndefined();
  });

  it.each(['attacker.example:4010', 'attacker.example', 'localhost.attacker.example', '127.0.0.1.nip.io', '999.0.0.1', 'devbox', 'mylocalhost'])('refuses %j by default, naming the option', (host) => {
    expect(refusal(host)?.message).toMatch(
      /^Forbidden: Host ".*" is not a name this server answers to \(against DNS rebinding it answers localhost, \*\.localhost, IP addresses\); to use this name, start it with --allowed-hosts \S+ \(the allowedHosts option\)$/,
    );
  });

  it('answers the names given, and the subdomains of a name given with a leading dot', () => {
    const names = ['devbox', 'My-Alias.test.', '.svc.cluster.test'];
    for (const host of ['devbox:4010', 'my-alias.test', 'svc.cluster.test', 'mock.svc.cluster.test:80']) expect(refusal(host, names), host).toBeUndefined();
    for (const host of ['devbox.attacker.example', 'evilsvc.cluster.test', 'alias.test'])
      expect(refusal(host, names)?.message, host).toMatch(/answers localhost, \*\.localhost, IP addresses, devbox, my-alias\.test, svc\.cluster\.test\)/);
  });

  it.each(['a b', 'http://x', 'x/y', '-bad', '*.example'])('refuses %j as an allowed host, naming the option', (name) => {
    expect(() => hostAllowList([name])).toThrow(new RegExp(`^--allowed-hosts: ${JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a host name`));
  });

  it('--allowed-hosts a,b is read by npm start and by the bin alike', () => {
    expect(parseStartOptions(['--allowed-hosts', 'devbox,mock.test'], {})).toMatchObject({ allowedHosts: ['devbox', 'mock.test'] });
    expect(parseCommandLine(['mock', '--allowed-hosts=devbox,mock.test'], {})).toMatchObject({ allowedHosts: ['devbox', 'mock.test'] });
  });
});

describe('the server', () => {
  let mock: StartedMock;
  beforeAll(async () => {
    mock = await startMock({ allowedHosts: ['ghes-mock.test'] });
  });
  afterAll(() => mock?.stop());

  const get = (target: string, host: string, extra: string[] = []) =>
    rawExchange(mock.url, [`${target} HTTP/1.1`, `Host: ${host}`, `Authorization: ${basic}`, ...extra, 'Connection: close', '', ''].join('\r\n'));

  it.each([
    ['GET /api/v3/authorizations', []],
    ['GET /docs', []],
    ['POST /_simulator/reset', ['X-Simulator-Control: 1', 'Content-Length: 0']],
    ['OPTIONS /authorizations', ['Origin: http://attacker.example:4010', 'Access-Control-Request-Method: GET']],
  ])('refuses %s with Host attacker.example:4010: 403, JSON, no CORS, nothing changed', async (target, extra) => {
    await fetch(`${mock.url}/authorizations/1`, { method: 'DELETE', headers: { authorization: basic } });
    const before = mock.simulator.state();
    const answer = await get(target, 'attacker.example:4010', extra);
    expect(answer.status).toBe(403);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(answer.body).message).toMatch(/^Forbidden: Host "attacker\.example:4010" is not a name this server answers to .*--allowed-hosts attacker\.example/);
    expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(mock.simulator.state()).toEqual(before);
  });

  it('answers a name given in allowedHosts, with URLs on it, and localhost names', async () => {
    const answer = await get('GET /api/v3/authorizations/2', 'ghes-mock.test:4010');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).url).toBe('http://ghes-mock.test:4010/api/v3/authorizations/2');
    expect((await get('GET /api/v3/authorizations/2', 'app.localhost')).status).toBe(200);
  });
});
