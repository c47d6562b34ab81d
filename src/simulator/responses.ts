// From a checked request to an answer: a forced example (`Prefer`), then the model call of the
// operation, rendered as GitHub renders it (URLs on the request's origin and prefix, pages and
// their Link).
import type { Authorization } from '../../generated/schema.js';
import { exampleValues, type OperationFact } from '../../generated/simulator-contract.js';
import type { Answer } from './answer.js';
import { bodies, SimulatorError } from './errors.js';
import { type AuthorizationChanges, type AuthorizationsBackend, issueToken, type NewAuthorization } from './model.js';
import { pageRange, paginate } from './pagination.js';
import { chooseResponse, preferTarget, type PreferTarget } from './prefer.js';
import type { CheckedCall } from './request-checks.js';
import { grantWithUrl, rewriteUrls, type StoredAuthorization, withUrl } from './urls.js';

export interface AnswerContext {
  /** Where URLs in the answer point: the request's origin, plus /api/v3 when the request had it. */
  base: string;
  /** The request's path without the prefix, and its query, for the Link of a list. */
  path: string;
  search: string;
  headers: { get(name: string): string | null };
}

const preferTargets = new WeakMap<OperationFact, PreferTarget>();
const preferTargetOf = (operation: OperationFact): PreferTarget => {
  let target = preferTargets.get(operation);
  if (!target) {
    target = preferTarget(operation);
    preferTargets.set(operation, target);
  }
  return target;
};

/** The documented example a Prefer header forces (URLs on `base`), a 400 for one the operation lacks, or undefined for none. */
export function preferredAnswer(operation: OperationFact, header: string | null, base: string): Answer | undefined {
  const choice = chooseResponse(preferTargetOf(operation), header);
  if ('problem' in choice) return { status: 400, body: { message: choice.problem, documentation_url: bodies.notFound().documentation_url }, reason: choice.problem };
  if (choice.code === undefined) return undefined;
  const status = String(choice.code);
  const response = operation.responses[status]!;
  const exampleName = choice.exampleKey ?? response.examples[0];
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === null) continue;
    // X-GitHub-OTP means "send your one-time password": only the otp-required answer carries it.
    if (name.toLowerCase() === 'x-github-otp' && exampleName !== 'otp-required') continue;
    headers[name.toLowerCase()] = rewriteUrls(value, base);
  }
  headers['preference-applied'] = [`code=${status}`, choice.exampleKey && `example=${choice.exampleKey}`].filter(Boolean).join(', ');
  const example = exampleName === undefined ? undefined : rewriteUrls(structuredClone(exampleValues[exampleName]), base);
  return { status: choice.code, ...(example !== undefined && { body: example }), headers, reason: `Prefer: the contract's ${exampleName ?? status} example` };
}

/** Runs the operation on the model. Throws nothing the caller must know: the model's errors become their answers. */
export async function operationAnswer(backend: AuthorizationsBackend, checked: CheckedCall, context: AnswerContext): Promise<Answer> {
  try {
    return await run(backend, checked, context);
  } catch (error) {
    if (!(error instanceof SimulatorError)) throw error;
    return { status: error.status, body: error.body, reason: error.reason };
  }
}

async function run(backend: AuthorizationsBackend, { route, pathParameters, query, body, credentials }: CheckedCall, context: AnswerContext): Promise<Answer> {
  const { user } = credentials;
  const { base } = context;
  const id = pathParameters.authorization_id as number;
  const grantId = pathParameters.grant_id as number;
  const clientId = pathParameters.client_id as string;
  const listUrl = `${base}${context.path}${context.search ? `?${context.search}` : ''}`;
  const filter = query.get('client_id');

  switch (route.operation.name) {
    case 'listGrants': {
      const page = paginate(backend.listGrants(user, filter), new URL(listUrl));
      return ok(
        page.items.map((grant) => grantWithUrl(grant, base)),
        `the user's grants${filter === null ? '' : ` of app ${filter}`}`,
        page.link === undefined ? {} : { link: page.link },
      );
    }
    case 'getGrant':
      return ok(grantWithUrl(backend.getGrant(user, grantId), base), `the user's grant ${grantId}`);
    case 'deleteGrant':
      backend.deleteGrant(user, grantId);
      return { status: 204, reason: `deleted the user's grant ${grantId} and its app's authorizations` };
    case 'listAuthorizations': {
      // Only the page asked for is looked at, and each item's JSON is made once.
      const { start, end, link } = pageRange(backend.countAuthorizations(user, filter), listUrl, context.search);
      const items = backend.listAuthorizations(user, filter, { start, end });
      return {
        status: 200,
        encoded: listJson(items, base),
        headers: link === undefined ? {} : { link },
        reason: `the user's authorizations${filter === null ? '' : ` of app ${filter}`}`,
      };
    }
    case 'createAuthorization': {
      const input = (body ?? {}) as NewAuthorization;
      const created = backend.createAuthorization(user, input, await issueToken(input.client_id === undefined ? 'ghp_' : 'gho_', backend.random));
      return created201(withUrl(created, base), `created the user's authorization ${created.id}`);
    }
    case 'getOrCreateAuthorizationForApp':
    case 'getOrCreateAuthorizationForAppAndFingerprint': {
      const input = { ...(body as NewAuthorization), ...(pathParameters.fingerprint !== undefined && { fingerprint: pathParameters.fingerprint as string }) };
      const { created, authorization } = backend.getOrCreateAuthorization(user, clientId, input, await issueToken('gho_', backend.random));
      const which = input.fingerprint ? `app ${clientId} and fingerprint ${JSON.stringify(input.fingerprint)}` : `app ${clientId} (no fingerprint)`;
      return created
        ? created201(withUrl(authorization, base), `created the user's authorization ${authorization.id} for ${which}`)
        : ok(withUrl(authorization, base), `the user's authorization ${authorization.id} for ${which} exists`);
    }
    case 'getAuthorization': {
      // GitHub sent Last-Modified on a single authorization (octokit.rb's and github3.py's cassettes, 2018).
      const authorization = backend.getAuthorization(user, id);
      return ok(withUrl(authorization, base), `the user's authorization ${id}`, { 'last-modified': new Date(authorization.updated_at).toUTCString() });
    }
    case 'updateAuthorization':
      return ok(withUrl(backend.updateAuthorization(user, id, (body ?? {}) as AuthorizationChanges), base), `updated the user's authorization ${id}`);
    case 'deleteAuthorization':
      backend.deleteAuthorization(user, id);
      return { status: 204, reason: `deleted the user's authorization ${id}` };
    default:
      return exampleAnswer(route.operation, base);
  }
}

/**
 * An operation the simulator has no rule for (one just added to the contract) answers its first
 * success status with that status's first example, as Prism would, and says so.
 */
function exampleAnswer(operation: OperationFact, base: string): Answer {
  const status = Object.keys(operation.responses)
    .filter((code) => code.startsWith('2'))
    .sort()[0];
  const documented = status === undefined ? undefined : preferredAnswer(operation, `code=${status}`, base);
  if (documented === undefined) return { status: 501, body: bodies.serverFailure(501), reason: `the simulator has no rule for ${operation.operationId}, and the contract documents no success answer` };
  const { 'preference-applied': _, ...headers } = documented.headers ?? {};
  return {
    ...documented,
    headers,
    reason: `the simulator has no rule for ${operation.operationId}: the contract's ${operation.responses[status!]!.examples[0] ?? status} example, as Prism would answer`,
  };
}

const ok = (body: unknown, reason: string, headers: Record<string, string> = {}): Answer => ({ status: 200, body, headers, reason });
const created201 = (authorization: Authorization, reason: string): Answer => ({ status: 201, body: authorization, headers: { location: authorization.url }, reason });

// A stored authorization is never changed (an update stores a new object), so its JSON in a list
// is kept with it, for the base it was last listed on.
const listed = new WeakMap<StoredAuthorization, { base: string; json: Uint8Array }>();
const encoder = new TextEncoder();

/** The JSON bytes of an authorization in a list: presented, without expires_at (the contract's list example has none). */
function listedJson(authorization: StoredAuthorization, base: string): Uint8Array {
  const cached = listed.get(authorization);
  if (cached !== undefined && cached.base === base) return cached.json;
  const { expires_at: _expires, ...item } = withUrl(authorization, base);
  const json = encoder.encode(JSON.stringify(item));
  listed.set(authorization, { base, json });
  return json;
}

/** `[a,b,…]` from the authorizations' JSON bytes (listedJson): what JSON.stringify writes for the array. */
function listJson(authorizations: readonly StoredAuthorization[], base: string): Uint8Array<ArrayBuffer> {
  const items: Uint8Array[] = [];
  let length = 2 + Math.max(0, authorizations.length - 1);
  for (const authorization of authorizations) {
    const json = listedJson(authorization, base);
    items.push(json);
    length += json.length;
  }
  const bytes = new Uint8Array(length);
  bytes[0] = 0x5b; // [
  let at = 1;
  for (let i = 0; i < items.length; i++) {
    if (i > 0) bytes[at++] = 0x2c; // ,
    bytes.set(items[i]!, at);
    at += items[i]!.length;
  }
  bytes[at] = 0x5d; // ]
  return bytes;
}
