// A frontend module as an app writes it: its client is created when the module is imported.
import { createClient } from '../../../src/index.js';

export const ghes = createClient({ baseUrl: 'https://ghes.example.com/api/v3', username: 'octocat', password: 'secret' });

/** What a component would show: the notes of the user's authorizations. */
export async function authorizationNotes(): Promise<string[]> {
  const { data } = await ghes.listAuthorizations();
  return data.map(({ note }) => note ?? '(no note)');
}
