// --control-token over HTTP (startMock's controlToken, as npm start and the bin pass it): control
// requests need X-Simulator-Control and the bearer token; the API is unchanged; the options parse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type StartedMock } from '../../scripts/mock/start-mock.js';
import { parseCommandLine } from '../../src/server/cli.js';
import { parseStartOptions } from '../../scripts/mock/start-options.js';
import { basic, githubHeaders } from './support/calls.js';

const token = 'dev-only.t0ken_for~tests';
let mock: StartedMock;
beforeAll(async () => {
  mock = await startMock({ controlToken: token });
});
afterAll(() => mock?.stop());

const faults = (headers: Record<string, string>) =>
  fetch(`${mock.url}/api/v3/_simulator/faults`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ status: 503 }) });

describe('a mock started with a control token', () => {
  it.each([
    ['neither header', {}, 403],
    ['the control header alone', { 'x-simulator-control': '1' }, 401],
    ['the token alone', { authorization: `Bearer ${token}` }, 403],
    ['Basic credentials', { 'x-simulator-control': '1', authorization: basic }, 401],
  ])('refuses a control request with %s (%i), and the faults are unchanged', async (_, headers, status) => {
    const answer = await faults(headers);
    expect(answer.status).toBe(status);
    expect(JSON.stringify(await answer.json())).not.toContain(token);
    expect((await fetch(`${mock.url}/api/v3/authorizations`, { headers: { authorization: basic, ...githubHeaders } })).status).toBe(200);
  });

  it('serves a control request with both; the API needs neither', async () => {
    expect((await faults({ 'x-simulator-control': '1', authorization: `Bearer ${token}` })).status).toBe(204);
    expect((await fetch(`${mock.url}/api/v3/authorizations`, { headers: { authorization: basic, ...githubHeaders } })).status).toBe(503);
    mock.simulator.setFaults(undefined);
    expect((await fetch(`${mock.url}/api/v3/authorizations`, { headers: { authorization: basic, ...githubHeaders } })).status).toBe(200);
  });

  it('--control-token is read by npm start and by the bin alike', () => {
    expect(parseStartOptions(['--control-token', token], {})).toMatchObject({ controlToken: token });
    expect(parseCommandLine(['mock', `--control-token=${token}`], {})).toMatchObject({ controlToken: token });
    expect(() => parseStartOptions(['--static', '--control-token', token], {})).toThrow('--control-token works with the simulator, not with --static');
  });
});
