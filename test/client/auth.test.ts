// Credentials: HTTP Basic (UTF-8 safe) and the one-time password of two-factor accounts.
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { GitHubApiError } from '../../src/index.js';
import { createObservedClient, json } from '../support/observed-client.js';

const otpRequired = (channel = 'app') =>
  json(
    401,
    { message: 'Must specify two-factor authentication OTP code.', documentation_url: 'https://docs.github.com/enterprise-server@3.15/rest' },
    {
      'X-GitHub-OTP': `required; ${channel}`,
    },
  );
const created = () => json(201, { id: 1 });

/** Decodes a Basic header the way a server does: base64, then UTF-8. */
const decodeBasic = (header: string | undefined) => new TextDecoder().decode(Uint8Array.from(atob(header!.replace(/^Basic /, '')), (c) => c.charCodeAt(0)));

describe('HTTP Basic', () => {
  it('sends username:password, base64-encoded', async () => {
    const { client, requests } = createObservedClient({ username: 'octocat', password: 'secret' });
    await client.listGrants();
    expect(requests[0]!.headers.authorization).toBe(`Basic ${btoa('octocat:secret')}`);
  });

  it('encodes a non-ASCII password as UTF-8', async () => {
    const { client, requests } = createObservedClient({ username: 'mönalisa', password: 'pässwörd✓' });
    await client.listGrants();
    // "mönalisa:pässwörd✓" in UTF-8 is these bytes; base64 of them:
    expect(requests[0]!.headers.authorization).toBe('Basic bcO2bmFsaXNhOnDDpHNzd8O2cmTinJM=');
    expect(decodeBasic(requests[0]!.headers.authorization)).toBe('mönalisa:pässwörd✓');
  });

  it('keeps a colon in the password (only the username may not have one)', async () => {
    const { client, requests } = createObservedClient({ username: 'octocat', password: 'a:b:c' });
    await client.listGrants();
    expect(decodeBasic(requests[0]!.headers.authorization)).toBe('octocat:a:b:c');
  });
});

describe('one-time password', () => {
  it('sends a fixed code with every request', async () => {
    const { client, requests } = createObservedClient({ username: 'octocat', password: 'secret', otp: '123456' }, created);
    await client.createAuthorization({ body: { note: 'x' } });
    await client.listGrants();
    expect(requests.map((request) => request.headers['x-github-otp'])).toEqual(['123456', '123456']);
  });

  it('asks the callback once on 401 "X-GitHub-OTP: required" and retries once with the code', async () => {
    const otp = vi.fn(async () => '654321');
    const { client, requests } = createObservedClient({ username: 'octocat', password: 'secret', otp }, (_, index) => (index === 0 ? otpRequired('sms') : created()));
    const result = await client.createAuthorization({ body: { scopes: ['repo'], note: 'ci' } });
    expect(result.status).toBe(201);
    expect(otp).toHaveBeenCalledTimes(1);
    expect(otp).toHaveBeenCalledWith('sms', {});
    expect(requests).toHaveLength(2);
    expect(requests[0]!.headers['x-github-otp']).toBeUndefined();
    expect(requests[1]!.headers['x-github-otp']).toBe('654321');
    // The retry is the same request: same method, URL, body and credentials.
    expect({ ...requests[1], headers: { ...requests[1]!.headers, 'x-github-otp': undefined } }).toEqual({
      ...requests[0],
      headers: { ...requests[0]!.headers, 'x-github-otp': undefined },
    });
  });

  it('retries only once: a rejected code ends in the 401 error, not in a loop', async () => {
    const otp = vi.fn(() => '000000');
    const { client, requests } = createObservedClient({ username: 'octocat', password: 'secret', otp }, () => otpRequired());
    const error = await client.createAuthorization({ body: { note: 'x' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect(error).toMatchObject({ status: 401, message: 'Must specify two-factor authentication OTP code.' });
    expect(otp).toHaveBeenCalledTimes(1);
    expect(requests).toHaveLength(2);
  });

  it('does not retry without a callback', async () => {
    const withoutOtp = createObservedClient({ username: 'octocat', password: 'secret' }, () => otpRequired());
    await expect(withoutOtp.client.listGrants()).rejects.toMatchObject({ status: 401 });
    expect(withoutOtp.requests).toHaveLength(1);

    const withFixedCode = createObservedClient({ username: 'octocat', password: 'secret', otp: '111111' }, () => otpRequired());
    await expect(withFixedCode.client.listGrants()).rejects.toMatchObject({ status: 401 });
    expect(withFixedCode.requests).toHaveLength(1);
  });

  it('does not ask for a code on a 401 that is not about the OTP (wrong password)', async () => {
    const otp = vi.fn(() => '123456');
    const { client, requests } = createObservedClient({ username: 'octocat', password: 'wrong', otp }, () =>
      json(401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/enterprise-server@3.15/rest' }),
    );
    await expect(client.listGrants()).rejects.toMatchObject({ status: 401, message: 'Requires authentication' });
    expect(otp).not.toHaveBeenCalled();
    expect(requests).toHaveLength(1);
  });

  it('sends the accepted code with later requests, and asks again when the server does', async () => {
    const otp = vi.fn().mockResolvedValueOnce('111111').mockResolvedValueOnce('222222');
    const answers = [otpRequired(), json(200, []), json(200, []), otpRequired(), json(200, [])];
    const { client, requests } = createObservedClient({ username: 'octocat', password: 'secret', otp }, (_, index) => answers[index]!);
    await client.listGrants();
    await client.listGrants();
    await client.listGrants();
    expect(requests.map((request) => request.headers['x-github-otp'])).toEqual([undefined, '111111', '111111', '111111', '222222']);
    expect(otp).toHaveBeenCalledTimes(2);
  });

  it('passes on an error of the callback and sends nothing more', async () => {
    const { client, requests } = createObservedClient(
      {
        username: 'octocat',
        password: 'secret',
        otp: async () => {
          throw new Error('the user cancelled');
        },
      },
      () => otpRequired(),
    );
    await expect(client.listGrants()).rejects.toThrow('the user cancelled');
    expect(requests).toHaveLength(1);
  });

  describe('a code a header cannot carry is refused, and never repeated', () => {
    const code = '918273\r\nX-Injected: 1';

    it('from the callback: a TypeError without the code, and no retry', async () => {
      const { client, requests } = createObservedClient({ username: 'octocat', password: 'secret', otp: async () => code }, () => otpRequired());
      const error = (await client.listGrants().catch((caught: unknown) => caught)) as Error;
      expect(error).toBeInstanceOf(TypeError);
      expect(error.message).toBe('the code the otp callback gave holds a character a header cannot carry (such as CR or LF), so it is not sent');
      for (const dump of [String(error), error.stack, JSON.stringify(error), inspect(error)]) expect(dump).not.toContain('918273');
      expect(requests).toHaveLength(1);
    });

    it.each([
      ['CR LF', code],
      ['NUL', '918273\0'],
      ['a character beyond U+00FF', '918273\u2028'],
    ])('a fixed code with %s: createClient refuses it', (_, fixed) => {
      const error = (() => {
        try {
          createObservedClient({ username: 'octocat', password: 'secret', otp: fixed });
        } catch (caught) {
          return caught as Error;
        }
        throw new Error('createClient accepted the code');
      })();
      expect(error).toEqual(new TypeError('createClient: otp holds a character a header cannot carry (such as CR or LF), so it is not sent'));
      expect(inspect(error)).not.toContain('918273');
    });
  });

  describe("the request's signal covers the callback", () => {
    const never = () => new Promise<string>(() => {});

    it('a callback that never settles: the call rejects when the signal times out', async () => {
      const { client, requests } = createObservedClient({ username: 'octocat', password: 'secret', otp: never }, () => otpRequired());
      await expect(client.listGrants({ signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(requests).toHaveLength(1);
    });

    it('the callback gets the signal, and an abort while it waits rejects with its reason', async () => {
      const controller = new AbortController();
      const otp = vi.fn((_channel: string, { signal }: { signal?: AbortSignal }) => {
        expect(signal).toBe(controller.signal);
        controller.abort(new Error('the user closed the page'));
        return never();
      });
      const { client, requests } = createObservedClient({ username: 'octocat', password: 'secret', otp }, () => otpRequired());
      await expect(client.listGrants({ signal: controller.signal })).rejects.toThrow('the user closed the page');
      expect(otp).toHaveBeenCalledTimes(1);
      expect(requests).toHaveLength(1);
    });

    it('a signal aborted before the challenge is answered: the callback is not asked', async () => {
      const controller = new AbortController();
      const otp = vi.fn(never);
      const { client } = createObservedClient({ username: 'octocat', password: 'secret', otp }, () => {
        controller.abort(new Error('gone'));
        return otpRequired();
      });
      await expect(client.listGrants({ signal: controller.signal })).rejects.toThrow('gone');
      expect(otp).not.toHaveBeenCalled();
    });
  });
});
