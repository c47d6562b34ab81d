// A consumer of `ghes-oauth-authorizations/server`: starts the simulator over HTTP in its own
// process (startMock, port 0), runs the ten operations against it (main of index.ts), and checks
// that a seed and a frozen clock make two servers answer alike, and that a full reset starts over.
import { startMock, type StartedMock, type StartMockOptions } from 'ghes-oauth-authorizations/server';
import { main } from './index.js';

export async function serverMain(): Promise<string[]> {
  const options: StartMockOptions = { seed: 'consumer', now: '2026-01-01T00:00:00Z', accounts: { mona: { otp: { code: '123456' } } } };
  const [one, two]: [StartedMock, StartedMock] = await Promise.all([startMock(options), startMock({ ...options, port: 0, host: '127.0.0.1' })]);
  try {
    const done = await main(`${one.url}/api/v3`);
    const create = async (url: string) => {
      const response = await fetch(`${url}/api/v3/authorizations`, {
        method: 'POST',
        headers: { authorization: `Basic ${btoa('octocat:x')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ note: 'seeded' }),
      });
      return (await response.text()).replaceAll(url, 'ORIGIN');
    };
    one.simulator.reset();
    const [a, b] = [await create(one.url), await create(two.url)];
    done.push(`seeded ${a === b && a.includes('"created_at":"2026-01-01T00:00:00Z"')}`);
    one.simulator.clock.advance(60_000);
    done.push(`clock ${one.simulator.clock.state().now}`);
    const otp = await fetch(`${one.url}/authorizations`, { headers: { authorization: `Basic ${btoa('mona:x')}` } });
    done.push(`otp ${otp.status}`);
    return done;
  } finally {
    await Promise.all([one.stop(), two.stop()]);
  }
}
