// What one answer is, once what legitimately differs between two servers is taken out (ids, tokens,
// timestamps, origins, the run's id), and the checks that compare a target's answer with the
// reference's. Every detail is built from normalised values: a full token, a password or a code
// never reaches a check's text.
import { operations, type OperationFact } from '../../generated/simulator-contract.js';
import { validationIssues } from '../validators.js';
import { sha256Hex } from '../simulator/sha256.js';
import { scrubBody } from './recording.js';
import type { CheckName, Step } from './scenarios.js';

/** An answer as the kit saw it. */
export interface Observed {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON, or the text when it is not JSON, or undefined for no body. */
  body: unknown;
}

/** What a side knows to normalise its answers: its base URL, the ids it captured (value → name), the run's id. */
export interface SideView {
  base: string;
  /** Other base URLs the side's answers name as their own (the server behind a recording proxy). */
  aliases?: readonly string[];
  ids: ReadonlyMap<number, string>;
  runId: string;
}

export interface CheckResult {
  step: string;
  check: CheckName;
  outcome: 'pass' | 'fail' | 'skip';
  /** For a failure: what differed (target vs reference); for a skip: why. */
  detail?: string;
}

const timeFields = new Set(['created_at', 'updated_at', 'expires_at']);

/** The answer's body with ids, tokens, timestamps, origins and the run's id replaced by stable names. */
export function normaliseBody(value: unknown, view: SideView, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => normaliseBody(item, view));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, normaliseBody(inner, view, name)]));
  }
  if (key === 'id' && typeof value === 'number') return view.ids.has(value) ? `{${view.ids.get(value)}}` : '{id}';
  if (typeof value !== 'string') return value;
  if (key === 'token') return value === '' ? '' : '{token}';
  if (key === 'hashed_token') return value === '' ? '' : '{hashed_token}';
  if (key === 'token_last_eight') return '{token_last_eight}';
  if (key !== undefined && timeFields.has(key) && !Number.isNaN(Date.parse(value))) return '{time}';
  return normaliseText(value, view);
}

/** A URL or text: the side's base URL → {base}, captured ids in paths → their names, the run's id → {run}. */
export function normaliseText(text: string, view: SideView): string {
  let out = text;
  for (const base of [...(view.aliases ?? []), view.base]) out = out.split(base).join('{base}');
  out = out.replace(/(\{base\}\/(?:authorizations|applications\/grants)\/)(\d+)/g, (_all, head: string, id: string) => `${head}{${view.ids.get(Number(id)) ?? 'id'}}`);
  return view.runId === '' ? out : out.split(view.runId).join('{run}');
}

/** A JSON type per field, recursively: what `fields` compares. */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'array' : ['array of', [...new Set(value.map((item) => JSON.stringify(shapeOf(item))))].map((shape) => JSON.parse(shape))];
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, inner]) => [name, shapeOf(inner)]),
    );
  return typeof value;
}

/** The token rules an answer meets, as a short description (never the token): what `token` compares. */
export function tokenRules(body: unknown): string {
  const items = Array.isArray(body) ? body : [body];
  const described = items
    .filter((item): item is Record<string, unknown> => item !== null && typeof item === 'object' && 'token' in item)
    .map((item) => {
      const token = item.token;
      if (typeof token !== 'string') return `token is ${token === null ? 'null' : typeof token}`;
      if (token === '') return `token "" (hashed_token ${describeHash(item.hashed_token)}, token_last_eight ${typeof item.token_last_eight})`;
      // A recording's token is scrubbed (recording.ts): its shape is kept, its middle is `*`.
      const format = /^gh[po]_[A-Za-z0-9*]{36}$/.test(token) ? `${token.slice(0, 4)} + 36` : /^[0-9a-f*]{40}$/.test(token) ? '40 hex' : `${token.length} characters`;
      const lastEight = item.token_last_eight === token.slice(-8) ? 'its last eight' : 'not its last eight';
      const hashed = token.includes('*') ? 'not checkable (scrubbed)' : item.hashed_token === sha256Hex(token) ? 'its SHA-256' : describeHash(item.hashed_token);
      return `token ${format}, token_last_eight ${lastEight}, hashed_token ${hashed}`;
    });
  return described.length === 0 ? 'no token field' : [...new Set(described)].join('; ');
}

const describeHash = (hash: unknown) => (typeof hash === 'string' ? (/^[0-9a-f]{64}$/.test(hash) ? '64 hex' : `${hash.length} characters`) : String(hash));

/** The operation of the contract a request is for, or undefined. */
export function operationOf(method: string, path: string): OperationFact | undefined {
  const bare = path.split('?')[0]!;
  return operations.find((operation) => operation.method === method.toLowerCase() && new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare));
}

/** The answer's problems against the contract: an undocumented status, a body that is not the documented schema. */
export function contractProblems(method: string, path: string, observed: Observed): string[] {
  const operation = operationOf(method, path);
  if (!operation) return [`no operation of the contract is ${method} ${path.split('?')[0]}`];
  const response = operation.responses[String(observed.status)];
  if (!response) return [`status ${observed.status} is not documented for ${operation.operationId} (documented: ${Object.keys(operation.responses).join(', ')})`];
  if (!response.schema) return observed.body === undefined ? [] : ['a body where the contract documents none'];
  const items = response.array ? (Array.isArray(observed.body) ? observed.body : undefined) : [observed.body];
  if (!items) return [`the body must be an array of ${response.schema}`];
  return items.flatMap((item, index) => validationIssues(response.schema!, item).map((issue) => `${response.array ? `[${index}]` : ''}${issue.pointer || '/'} ${issue.message}`)).slice(0, 5);
}

/** Both sides' answers to one step, normalised, ready to compare. */
export interface Pair {
  step: Step;
  /** The request as sent (path filled in), for the contract check. */
  method: string;
  path: string;
  target: Observed;
  reference: Observed;
  targetView: SideView;
  referenceView: SideView;
  /** The list answers' items to compare: only the kit's (see Step.kitItemsOnly). */
  keep?: (item: unknown, view: SideView) => boolean;
}

/** The step's checks, each pass, fail (with what differed) or skip. */
export function compareStep(pair: Pair): CheckResult[] {
  return pair.step.compare.map((check) => {
    const problem = difference(check, pair);
    return problem === undefined ? { step: pair.step.name, check, outcome: 'pass' } : { step: pair.step.name, check, outcome: 'fail', detail: problem };
  });
}

function difference(check: CheckName, pair: Pair): string | undefined {
  const { target, reference, targetView, referenceView } = pair;
  const bodyOf = (observed: Observed, view: SideView) => {
    const body = Array.isArray(observed.body) && pair.keep ? observed.body.filter((item) => pair.keep!(item, view)) : observed.body;
    return normaliseBody(body, view);
  };
  const header = (name: string) => (observed: Observed, view: SideView) => {
    const value = observed.headers[name];
    return value === undefined ? undefined : normaliseText(value, view);
  };
  const compare = (describe: (observed: Observed, view: SideView) => unknown): string | undefined => {
    const t = describe(target, targetView);
    const r = describe(reference, referenceView);
    return JSON.stringify(t) === JSON.stringify(r) ? undefined : `target ${show(t)}, reference ${show(r)}`;
  };
  switch (check) {
    case 'status':
      return compare((observed) => observed.status);
    case 'message':
      return compare((observed) => messageOf(observed.body));
    case 'errors':
      return compare((observed, view) => normaliseBody(errorsOf(observed.body), view));
    case 'fields':
      return compare((observed, view) => shapeOf(bodyOf(observed, view)));
    case 'body': {
      const t = bodyOf(target, targetView);
      const r = bodyOf(reference, referenceView);
      const paths = differingPaths(t, r, 'body');
      return paths.length === 0 ? undefined : paths.slice(0, 3).join('; ') + (paths.length > 3 ? ` (and ${paths.length - 3} more)` : '');
    }
    case 'token': {
      // Against a recording, the reference's tokens are scrubbed alike, so that only their rules are compared.
      const scrubbed = /"token":"[^"]*\*{8}/.test(JSON.stringify(target.body) ?? '');
      return compare((observed, view) => {
        const body = scrubbed ? scrubBody(observed.body) : observed.body;
        return tokenRules(Array.isArray(body) && pair.keep ? body.filter((item: unknown) => pair.keep!(item, view)) : body);
      });
    }
    case 'location':
      return compare((observed, view) => {
        const location = observed.headers.location;
        if (location === undefined) return 'none';
        const url = (observed.body as { url?: unknown } | undefined)?.url;
        return `${normaliseText(location, view)}${location === url ? " (the body's url)" : " (not the body's url)"}`;
      });
    case 'link':
      return compare(header('link'));
    case 'etag':
      return compare((observed) => {
        const etag = observed.headers.etag;
        return etag === undefined ? 'none' : etag.startsWith('W/"') ? 'weak' : etag.startsWith('"') ? 'strong' : `malformed ${JSON.stringify(etag.slice(0, 20))}`;
      });
    case 'x-github-otp':
    case 'x-github-media-type':
    case 'cache-control':
      return compare(header(check));
    case 'contract': {
      const problems = contractProblems(pair.method, pair.path, target);
      return problems.length === 0 ? undefined : `the target's answer breaks the contract: ${problems.join('; ')}`;
    }
  }
}

const messageOf = (body: unknown) => (body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { message?: unknown }).message : undefined);
const errorsOf = (body: unknown) => (body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { errors?: unknown }).errors : undefined);

/** Short, one-line JSON of a normalised value (no secret can be in it). */
function show(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** The paths where two normalised values differ, each with both values. */
function differingPaths(t: unknown, r: unknown, at: string): string[] {
  if (JSON.stringify(t) === JSON.stringify(r)) return [];
  const bothObjects = t !== null && r !== null && typeof t === 'object' && typeof r === 'object' && Array.isArray(t) === Array.isArray(r);
  if (!bothObjects) return [`${at}: target ${show(t)}, reference ${show(r)}`];
  if (Array.isArray(t) && Array.isArray(r) && t.length !== r.length) return [`${at}: target has ${t.length} items, reference ${r.length}`];
  const keys = [...new Set([...Object.keys(t as object), ...Object.keys(r as object)])];
  return keys.flatMap((key) => differingPaths((t as Record<string, unknown>)[key], (r as Record<string, unknown>)[key], Array.isArray(t) ? `${at}[${key}]` : `${at}.${key}`));
}
