// createHandlers({ storage }): the state kept in a browser-like storage (getItem/setItem, as
// localStorage) across page loads; a corrupt or foreign entry throws, naming the key, and stays.
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createHandlers, type SimulatorStorage } from '../../src/msw.js';

const baseUrl = 'https://ghes.storage.test/api/v3';
const auth = { authorization: `Basic ${btoa('octocat:secret')}`, 'content-type': 'application/json' };

function memoryStorage(): SimulatorStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('createHandlers({ storage })', () => {
  it('writes after each change; the next handlers (a page reload) start from it', async () => {
    const storage = memoryStorage();
    const server = setupServer(...createHandlers({ baseUrl, storage, seed: 'page' }));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      expect((await fetch(`${baseUrl}/authorizations`, { method: 'POST', headers: auth, body: '{"note":"before reload"}' })).status).toBe(201);
    } finally {
      server.close();
    }
    expect(storage.items.get('ghes-oauth-authorizations:simulator')).toContain('before reload');
    const reloaded = createHandlers({ baseUrl, storage, seed: 'page' });
    expect(reloaded.simulator.state('octocat').octocat!.authorizations.map((a) => a.note)).toContain('before reload');
  });

  it('a custom key; reads (GET) write nothing', async () => {
    const storage = memoryStorage();
    const handlers = createHandlers({ storage, storageKey: 'my-app:ghes' });
    await handlers.simulator.handle(new Request('http://x/api/v3/authorizations', { headers: auth }));
    expect(storage.items.size).toBe(0);
    handlers.simulator.reset('octocat');
    expect([...storage.items.keys()]).toEqual(['my-app:ghes']);
  });

  it.each([
    ['corrupt', '{"format":', /^createHandlers: storage "k": not JSON \(.+\); it is left as it is: fix or remove it to start afresh$/],
    ['foreign', '{"theme":"dark"}', /^createHandlers: storage "k": not a state file of this simulator/],
  ])('a %s entry throws, naming the key, and is left as it is', (_kind, text, message) => {
    const storage = memoryStorage();
    storage.items.set('k', text);
    expect(() => createHandlers({ storage, storageKey: 'k' })).toThrow(message);
    expect(storage.items.get('k')).toBe(text);
  });
});
