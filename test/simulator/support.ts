// Requests to a simulator in this process: `createSimulator().handle(new Request(…))`, no server.
import type { Simulator } from '../../src/simulator/index.js';

export const origin = 'http://127.0.0.1:4010';
export const basicFor = (user: string, password = 'secret') => `Basic ${btoa(`${user}:${password}`)}`;

export interface Sent {
  user?: string | null;
  password?: string;
  body?: unknown;
  /** Sent as is, instead of JSON.stringify(body). */
  text?: string;
  headers?: Record<string, string>;
  base?: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for no body. */
  body: any;
  text: string;
}

/** Sends one request (Basic credentials of `user`, default octocat, unless `user: null`) and reads the answer. */
export async function send(simulator: Simulator, method: string, path: string, sent: Sent = {}): Promise<Answer> {
  const { user = 'octocat', password = 'secret', body, text, headers = {}, base = origin } = sent;
  const payload = text ?? (body === undefined ? undefined : JSON.stringify(body));
  const response = await simulator.handle(
    new Request(`${base}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        ...(user !== null && { authorization: basicFor(user, password) }),
        ...(payload !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(payload !== undefined && { body: payload }),
    }),
  );
  const answerText = await response.text();
  return { status: response.status, headers: response.headers, text: answerText, body: answerText === '' ? undefined : JSON.parse(answerText) };
}

export const clientId = 'abcde12345fghij67890';
export const secret = '3ef4ad510c59ad37bac6bb4f80047fb3aee3cc7f';
