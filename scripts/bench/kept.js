// 6. What the simulator keeps, against what it replaces (issue 21: a cache or hand-written part
// stays only with a figure): the hand-written SHA-256 of src/simulator/sha256.ts (one digest per
// token issued or presented) against Web Crypto's `crypto.subtle.digest`, which runs in browsers
// too but is asynchronous (in Node, a job on the thread pool), and Node's `createHash`, which
// browsers lack; and the random-byte pool of src/simulator/random.ts (one token's 30 bytes a draw)
// against a `crypto.getRandomValues` call per token.
//
// Each sample times `batch` operations, awaited one after the other as the simulator awaits them,
// and reports the CPU time of this process (user and system) per operation: Web Crypto's thread-pool
// work counts, and other processes do not.
import { createHash } from 'node:crypto';
import { interleave, median, pairedRatio } from './rounds.js';

import { pooledRandom } from '../../src/simulator/random.js';
import { sha256Hex } from '../../src/simulator/sha256.js';

// A token as the simulator makes one: ghp_ and 36 characters.
const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const tokenBytes = 30;
const hex = (buffer) => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');

const handWritten = 'SHA-256: src/simulator/sha256.ts (kept)';
const webCrypto = 'SHA-256: crypto.subtle.digest and hex (browsers and Node)';
const pool = 'random bytes: the pool of src/simulator/random.ts (kept)';
const perToken = 'random bytes: crypto.getRandomValues per token';
const groups = {
  [handWritten]: {
    [handWritten]: () => sha256Hex(token),
    [webCrypto]: async () => hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))),
    "SHA-256: node:crypto createHash (Node only: not in the simulator's core)": () => createHash('sha256').update(token).digest('hex'),
  },
  [pool]: {
    [pool]: (() => {
      const source = pooledRandom((bytes) => crypto.getRandomValues(bytes));
      return () => source.bytes(tokenBytes);
    })(),
    [perToken]: () => crypto.getRandomValues(new Uint8Array(tokenBytes)),
  },
};

/** CPU µs per operation over `batch` awaited calls of `operation`. */
async function cpuPerOperation(operation, batch) {
  const before = process.cpuUsage();
  for (let i = 0; i < batch; i++) await operation();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / batch;
}

export async function benchKept({ quick }) {
  const settings = quick ? { rounds: 3, warmup: 1, batch: 2_000 } : { rounds: 15, warmup: 2, batch: 20_000 };
  // Each contender must give what the kept part gives before it is timed.
  const reference = createHash('sha256').update(token).digest('hex');
  for (const [name, digest] of Object.entries(groups[handWritten])) {
    if ((await digest()) !== reference) throw new Error(`${name} gave another digest of ${token}`);
  }
  const rows = [];
  const samples = {};
  for (const [kept, contenders] of Object.entries(groups)) {
    const runs = await interleave(Object.fromEntries(Object.entries(contenders).map(([name, operation]) => [name, () => cpuPerOperation(operation, settings.batch)])), settings);
    Object.assign(samples, runs);
    for (const name of Object.keys(contenders)) rows.push([name, median(runs[name]), pairedRatio(runs[name], runs[kept])]);
  }
  const overKept = (name) => rows.find(([row]) => row === name)[2];
  const met = overKept(webCrypto) > 1 && overKept(perToken) > 1;
  return {
    id: 'kept',
    title: `What the simulator keeps: CPU µs an operation (this process, user and system), median of ${settings.rounds} interleaved rounds of ${settings.batch.toLocaleString('en-US')}`,
    settings,
    columns: ['operation', 'CPU µs (median)', '÷ the kept one'],
    rows,
    goal: { text: 'each kept part costs less CPU than the portable part it replaces (Web Crypto digest, getRandomValues per token)', met },
    notes: [
      'a token is ghp_ and 36 characters; 30 random bytes make one',
      'the SHA-256 runs once per token issued (hashed_token) and once per token presented (the 403 for a known token); the pool once per token issued',
      'createHash is the floor for the digest, but node:crypto is not in browsers, where the simulator also runs (MSW)',
    ],
    samples,
  };
}
