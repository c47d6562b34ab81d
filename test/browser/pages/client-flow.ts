// What the browser tests' pages run: this package's client, bundled for the browser, walks an app's
// flow against `baseUrl` (list → create → list → paginate → 2FA prompt → delete) and returns what
// it observed, step by step, for the test to assert. A step that throws ends the flow; its error is
// part of what was observed. Each page (against-server.ts, with-worker.ts) installs it.
import * as ghes from '../../../src/index.js';
import { createClient, GitHubApiError, paginateAll, parseLink } from '../../../src/index.js';

export interface FlowOptions {
  baseUrl: string;
  username: string;
  password: string;
  /** An account with two-factor authentication: the client's otp callback answers `code`. */
  twoFactor: { username: string; password: string; code: string };
  /** How many authorizations to create before paginating with per_page=1. */
  creates: number;
}

export interface Observed {
  steps: Record<string, unknown>;
  /** The step that threw, and what it threw. */
  failed?: { step: string; error: string; status?: number };
}

declare global {
  interface Window {
    clientFlow(options: FlowOptions): Promise<Observed>;
    /** The package's exports, for a test's own calls from the page. */
    ghes: typeof ghes;
    pageReady: boolean;
  }
}

async function clientFlow({ baseUrl, username, password, twoFactor, creates }: FlowOptions): Promise<Observed> {
  const observed: Observed = { steps: {} };
  const step = async (name: string, run: () => Promise<unknown>) => {
    if (observed.failed) return;
    try {
      observed.steps[name] = await run();
    } catch (error) {
      observed.failed = {
        step: name,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        ...(error instanceof GitHubApiError && { status: error.status }),
      };
    }
  };
  const client = createClient({ baseUrl, username, password });

  let etag: string | null = null;
  await step('list', async () => {
    const { status, data, headers } = await client.listAuthorizations();
    etag = headers.get('ETag');
    return { status, ids: data.map(({ id }) => id), etag, link: headers.get('Link') };
  });
  await step('conditional list', async () => {
    if (!etag) throw new Error('the list answer has no ETag the page can read');
    // The client rejects every non-2xx answer; its raw openapi-fetch client shows the 304 itself.
    const { response } = await client.raw.GET('/authorizations', { headers: { 'If-None-Match': etag } });
    return { status: response.status };
  });
  let created: { id: number; url: string } | undefined;
  await step('create', async () => {
    const { status, data, headers } = await client.createAuthorization({ body: { scopes: ['public_repo'], note: `browser ${Date.now()}` } });
    created = data;
    return { status, id: data.id, url: data.url, location: headers.get('Location'), tokenLength: data.token.length };
  });
  await step('list again', async () => {
    const { data } = await client.listAuthorizations({ params: { query: { per_page: 100 } } });
    return { ids: data.map(({ id }) => id) };
  });
  await step('paginate', async () => {
    for (let index = 1; index < creates; index += 1) {
      await client.createAuthorization({ body: { scopes: ['gist'], note: `browser page ${index} ${Date.now()}` } });
    }
    const first = await client.listAuthorizations({ params: { query: { per_page: 1 } } });
    const items = await paginateAll(client.listAuthorizations, { params: { query: { per_page: 1 } } }, { maxPages: 100 });
    return { firstLink: parseLink(first.headers.get('Link')), ids: items.map(({ id }) => id) };
  });
  await step('2FA prompt', async () => {
    const asked: string[] = [];
    const guarded = createClient({
      baseUrl,
      username: twoFactor.username,
      password: twoFactor.password,
      otp: (channel) => {
        asked.push(channel);
        return twoFactor.code;
      },
    });
    const { status, data } = await guarded.createAuthorization({ body: { scopes: ['repo'], note: `browser 2FA ${Date.now()}` } });
    return { asked, status, id: data.id };
  });
  await step('delete', async () => {
    if (!created) throw new Error('nothing was created');
    const { status } = await client.deleteAuthorization({ params: { path: { authorization_id: created.id } } });
    return { status };
  });
  await step('get the deleted one', async () => {
    try {
      const { status } = await client.getAuthorization({ params: { path: { authorization_id: created!.id } } });
      return { status };
    } catch (error) {
      if (!(error instanceof GitHubApiError)) throw error;
      return { status: error.status, message: error.message };
    }
  });
  return observed;
}

/** Puts the flow and the package's exports on `window`, then says the page is ready. */
export function installFlow() {
  window.ghes = ghes;
  window.clientFlow = clientFlow;
  window.pageReady = true;
}
