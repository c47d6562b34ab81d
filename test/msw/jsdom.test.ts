// @vitest-environment jsdom
// The guide's vitest + jsdom setup (docs/frontend-testing.md): a DOM, the app's own module with its
// client created at import, and the simulator behind msw/node. The setup file is imported first,
// as vitest's `setupFiles` would run it.
import './jsdom/setup.js';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { authorizationNotes, ghes as client } from './jsdom/app.js';
import { server } from './jsdom/setup.js';

describe('under jsdom', () => {
  it('runs in a DOM', () => {
    expect(typeof document.createElement).toBe('function');
    expect(navigator.userAgent).toMatch(/jsdom/);
  });

  it("the app's client, created at import, reaches the simulator", async () => {
    document.body.innerHTML = '<ul id="notes"></ul>';
    const notes = await authorizationNotes();
    document.querySelector('#notes')!.innerHTML = notes.map((note) => `<li>${note}</li>`).join('');
    expect(document.querySelectorAll('#notes li')).toHaveLength(2);
    await client.createAuthorization({ body: { scopes: [], note: 'from a component' } });
    expect(await authorizationNotes()).toContain('from a component');
  });

  it('state is reset after each test', async () => {
    expect(await authorizationNotes()).not.toContain('from a component');
  });

  it('an override for one test: a 503 from a plain msw handler', async () => {
    server.use(http.get('https://ghes.example.com/api/v3/authorizations', () => HttpResponse.json({ message: 'Service Unavailable' }, { status: 503 })));
    await expect(authorizationNotes()).rejects.toMatchObject({ status: 503 });
  });
});
