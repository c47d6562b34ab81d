// Data sets of many stored authorizations, for the timing tests of the slow suite
// (scaling.slow.test.ts, linear-time.slow.test.ts).
import type { Authorization } from '../../../generated/schema.js';
import { personalTokenClientId } from '../../../src/simulator/model.js';

export interface StoredOptions {
  /** The API base URL each authorization's `url` starts with. */
  base: string;
  /** The OAuth app of the `i`-th authorization, when it is an app's (odd `i`). */
  app: (i: number) => { name: string; client_id: string };
  /** The scopes of the `i`-th authorization, when it is an app's (a personal token has `repo`). */
  scopes: (i: number) => string[];
}

/** `count` authorizations, ids 1 to `count`: every other one a personal token (note `stored <id>`), the others an OAuth app's (fingerprint `stored-<id>`). */
export function storedAuthorizations(count: number, { base, app, scopes }: StoredOptions): Authorization[] {
  return Array.from({ length: count }, (_, i): Authorization => {
    const id = i + 1;
    const personal = i % 2 === 0;
    const owner = personal
      ? { name: `stored ${id}`, url: 'https://docs.github.com/', client_id: personalTokenClientId }
      : { name: app(i).name, url: 'https://example.com/app', client_id: app(i).client_id };
    return {
      id,
      url: `${base}/authorizations/${id}`,
      app: owner,
      token: '',
      hashed_token: '0'.repeat(64),
      token_last_eight: '00000000',
      note: personal ? `stored ${id}` : null,
      note_url: null,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      scopes: personal ? ['repo'] : scopes(i),
      fingerprint: personal ? null : `stored-${id}`,
      expires_at: null,
    };
  });
}
