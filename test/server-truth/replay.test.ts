// Server truth: every exchange GitHub's server really answered on these routes (the committed
// corpus, test/fixtures/server-truth/), replayed against the simulator. Each difference must be
// listed in known-differences.json with its section of docs/decisions.md, and each listed one must
// still occur, for exactly the exchanges listed: the list stays true both ways.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { differences, type Exchange, replay } from './replay.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const exchanges = JSON.parse(read('../fixtures/server-truth/exchanges.json')) as Exchange[];
interface KnownDifference {
  difference: string;
  exchanges: string[];
  decision: string;
}
const known = JSON.parse(read('../fixtures/server-truth/known-differences.json')) as KnownDifference[];
const decisionHeadings = new Set([...read('../../docs/decisions.md').matchAll(/^## (.+)$/gm)].map((match) => match[1]!.trim()));

describe('the corpus', () => {
  it('holds the recordings of the three projects, each exchange once, with its provenance', () => {
    const sources = new Set(exchanges.map((exchange) => exchange.provenance.repository));
    expect([...sources].sort()).toEqual(['PyGithub/PyGithub', 'octokit/octokit.rb', 'sigmavirus24/github3.py']);
    expect(exchanges.length).toBeGreaterThanOrEqual(140);
    expect(new Set(exchanges.map((exchange) => exchange.id)).size).toBe(exchanges.length);
    for (const { provenance } of exchanges) {
      expect(provenance.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(provenance.recorded).toMatch(/^20(1\d|20)-\d\d-\d\dT/);
    }
  });

  it('holds no secret: tokens, hashes, credentials and client secrets are masked', () => {
    const text = read('../fixtures/server-truth/exchanges.json');
    expect(text).not.toMatch(/"(token|hashed_token|token_last_eight|client_secret|password)": "(?!<)[^"]+"/);
    expect(text).not.toMatch(/"authorization": "(Basic|token|Bearer) (?!<)/i);
    expect(text).not.toMatch(/"x-github-otp": "(?!<|required)/);
    expect(text).not.toMatch(/\b(gh[opsu]_[A-Za-z0-9]{36})\b/);
  });
});

describe('the simulator answers as GitHub did', () => {
  it('every known difference names a section of docs/decisions.md and exchanges of the corpus', () => {
    const ids = new Set(exchanges.map((exchange) => exchange.id));
    for (const entry of known) {
      expect(decisionHeadings, entry.difference).toContain(entry.decision);
      expect(entry.exchanges.length, entry.difference).toBeGreaterThan(0);
      for (const id of entry.exchanges) expect(ids, entry.difference).toContain(id);
    }
  });

  it('differs from the recordings only where known-differences.json says, and there always', async () => {
    const occurred = new Map<string, string[]>();
    const tokenRules: string[] = [];
    let tokens = 0;
    for (const exchange of exchanges) {
      const replayed = await replay(exchange);
      for (const difference of differences(exchange, replayed)) occurred.set(difference, [...(occurred.get(difference) ?? []), exchange.id]);
      // GitHub's token rules, on every token the simulator shows: its last eight, its SHA-256.
      const { token, token_last_eight, hashed_token } = replayed.body ?? {};
      if (typeof token === 'string' && token !== '') tokens++;
      if (typeof token === 'string' && token !== '' && (token_last_eight !== token.slice(-8) || hashed_token !== createHash('sha256').update(token).digest('hex'))) {
        tokenRules.push(exchange.id);
      }
    }
    expect(tokens, 'answers that show a token').toBeGreaterThan(0);
    expect(tokenRules, "answers whose token_last_eight or hashed_token is not their token's").toEqual([]);
    // One difference may be listed more than once, for different exchanges and decisions.
    const listed = new Map<string, string[]>();
    for (const entry of known) listed.set(entry.difference, [...(listed.get(entry.difference) ?? []), ...entry.exchanges]);
    // Unlisted: in the file's format, with the exchanges it occurs for, so that it can be decided and listed.
    const unlisted = [...occurred].map(([difference, ids]) => ({ difference, exchanges: ids.filter((id) => !listed.get(difference)?.includes(id)) })).filter((entry) => entry.exchanges.length > 0);
    const stale = known
      .map((entry) => ({ difference: entry.difference, exchanges: entry.exchanges.filter((id) => !occurred.get(entry.difference)?.includes(id)) }))
      .filter((entry) => entry.exchanges.length > 0);
    expect({ unlisted, stale }).toEqual({ unlisted: [], stale: [] });
  });
});
