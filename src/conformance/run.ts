// runConformance(): the scenario table (scenarios.ts) sent, step by step, to a target (a GHES
// server, a running simulator, a recording) and to the reference simulator in this process, each
// answer compared (compare.ts). Safe on a production server:
// - sequential, under a request budget announced before the first request;
// - it creates only authorizations whose note starts with `notePrefix`, and deletes each one it
//   created at the end, also after a failure or an abort (`signal`, the command's Ctrl-C);
// - its first step deletes what an interrupted earlier run left (found by the note prefix), nothing else;
// - a grant is deleted only for an OAuth app whose every authorization is the kit's;
// - the password, the two-factor code and tokens go only into request headers, never into a line or report.
import type { CheckResult, Observed, SideView } from './compare.js';
import { compareStep } from './compare.js';
import { createReference, type Reference } from './reference.js';
import { kitFingerprint, notePrefix, scenarios, type Step } from './scenarios.js';

/** Where requests go: a base URL (…/api/v3) and a fetch-like send. */
export interface Transport {
  base: string;
  send(request: Request): Promise<Response>;
}

export interface ConformanceOptions {
  /** The target's base URL (https://ghes.example.com/api/v3), or a transport (a recording's replay, a test's wrapper). */
  target: string | Transport;
  user: string;
  password: string;
  /** The two-factor code, asked only when the target challenges. */
  otp?: () => string | Promise<string>;
  /** An OAuth app only the kit uses: without it, get-or-create and the grants' steps are skipped. */
  app?: { clientId: string; clientSecret: string };
  /** Lists what would be sent, sends nothing. */
  dryRun?: boolean;
  /** Allows a plain-http target that is not this machine. */
  insecure?: boolean;
  /** Pages of 100 read by the clean-up scan (default 10). */
  maxPages?: number;
  /** Leftovers of earlier runs deleted at most (default 50). */
  maxLeftovers?: number;
  /** Stops after the request under way; the clean-up still runs. */
  signal?: AbortSignal;
  /** One line per check and per event (default: none). */
  log?: (line: string) => void;
  /** The target's answers name these base URLs as their own too: the server behind a recording proxy (`--upstream`). */
  upstream?: readonly string[];
  /** Fixed for a replay (the recorded run's id); random otherwise. */
  runId?: string;
  fetch?: typeof fetch;
  /** Called with both answers of each step that ran (the simulator's own tests check the table's `expect` with it). */
  onStep?: (step: Step, target: Observed, reference: Observed) => void;
}

export interface ConformanceReport {
  target: string;
  user: string;
  runId: string;
  /** Requests the kit said it would send at most, and sent. */
  budget: number;
  sent: number;
  twoFactor: boolean;
  dryRun: boolean;
  interrupted: boolean;
  /** The steps, as --dry-run lists them. */
  plan: string[];
  checks: CheckResult[];
  cleanup: { leftoversDeleted: number; createdDeleted: number; notDeleted: number[] };
  /** True when every check that ran passed and the clean-up left nothing. */
  ok: boolean;
  /** Why the run stopped early, if it did. */
  error?: string;
}

interface Side {
  name: 'target' | 'reference';
  transport: Transport;
  user: string;
  password: string;
  otp: (() => string | Promise<string>) | undefined;
  twoFactor: boolean;
  app: { clientId: string; clientSecret: string } | undefined;
  vars: Map<string, unknown>;
  /** Authorization ids the kit created and has not deleted; app: the OAuth app's. */
  created: Map<number, 'personal' | 'app'>;
  sent: number;
}

class Stop extends Error {}

const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** The transport for a base URL, or an Error when it is not a URL the kit may use. */
export function transportFor(url: string, { insecure = false, fetch: fetchImpl = fetch }: { insecure?: boolean; fetch?: typeof fetch } = {}): Transport {
  if (!URL.canParse(url)) throw new Error(`--target ${JSON.stringify(url)}: not a URL (e.g. https://ghes.example.com/api/v3)`);
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`--target ${url}: must be an http(s) URL`);
  if (parsed.username || parsed.password) throw new Error('--target: put no credentials in the URL (the password comes from GHES_PASSWORD or the prompt)');
  if (parsed.protocol === 'http:' && !loopback.test(parsed.hostname) && !insecure) {
    throw new Error(`--target ${parsed.origin}: plain http would send the password in clear to another machine; use https, or --insecure if you mean it`);
  }
  const base = `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
  // Redirects are not followed: credentials never leave the target's origin.
  return { base, send: (request) => fetchImpl(request, { redirect: 'manual' }) };
}

/** What each step sends, one line each, as --dry-run prints it. */
export function planOf(app: boolean): string[] {
  return scenarios.map(
    (step) =>
      `${step.name}: ${step.request.method} ${step.request.path}${step.needs === 'oauth-app' && !app ? ' (skipped: no OAuth app given)' : step.needs === 'two-factor' ? ' (on a two-factor account)' : ''} — ${step.does}`,
  );
}

/** The most requests a run sends to the target, by part. */
export function budgetOf({ app, maxPages, maxLeftovers }: { app: boolean; maxPages: number; maxLeftovers: number }) {
  const steps = scenarios.filter((step) => app || step.needs !== 'oauth-app');
  const creates = steps.filter((step) => step.creates).length;
  // The scan's first page may be sent twice: without a code, then with it, on a two-factor account.
  const parts = { scan: maxPages + 1, leftovers: maxLeftovers, appCheck: app ? 1 : 0, steps: steps.length, cleanup: creates };
  return { ...parts, total: parts.scan + parts.leftovers + parts.appCheck + parts.steps + parts.cleanup };
}

export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const { user, password, app, dryRun = false, maxPages = 10, maxLeftovers = 50, signal, log = () => {} } = options;
  if (user === '' || user.includes(':')) throw new Error('--user: a user name is not empty and has no colon');
  if (password === '') throw new Error('the password is empty: set GHES_PASSWORD or type it at the prompt');
  const transport = typeof options.target === 'string' ? transportFor(options.target, options) : options.target;
  const runId = options.runId ?? randomId();
  const budget = budgetOf({ app: app !== undefined, maxPages, maxLeftovers });
  const report: ConformanceReport = {
    target: transport.base,
    user,
    runId,
    budget: budget.total,
    sent: 0,
    twoFactor: false,
    dryRun,
    interrupted: false,
    plan: planOf(app !== undefined),
    checks: [],
    cleanup: { leftoversDeleted: 0, createdDeleted: 0, notDeleted: [] },
    ok: false,
  };
  log(
    `conformance: ${transport.base} as ${user}, run ${runId}: at most ${budget.total} requests, one at a time (${budget.steps} steps, ` +
      `up to ${budget.scan} pages of the clean-up scan, up to ${budget.leftovers} deletes of earlier runs' leftovers${budget.appCheck ? ', 1 check of the OAuth app' : ''}, up to ${budget.cleanup} clean-up deletes)`,
  );
  if (dryRun) {
    for (const line of report.plan) log(`  ${line}`);
    report.ok = true;
    return report;
  }

  const reference = createReference();
  const referencePassword = `reference-${randomId()}`;
  const target: Side = { name: 'target', transport, user, password, otp: options.otp, twoFactor: false, app, vars: new Map(), created: new Map(), sent: 0 };
  const ref: Side = {
    name: 'reference',
    transport: reference,
    user,
    password: referencePassword,
    otp: () => '000000',
    twoFactor: false,
    app: app && { clientId: app.clientId, clientSecret: 'reference-secret' },
    vars: new Map(),
    created: new Map(),
    sent: 0,
  };
  const spend = () => {
    if (signal?.aborted) throw new Stop('interrupted');
    if (target.sent >= budget.total) throw new Stop(`the request budget (${budget.total}) is spent`);
  };

  try {
    // 1. The clean-up scan: every page of the user's authorizations; the kit's leftovers are deleted.
    const others = await cleanupScan(target, { maxPages, maxLeftovers, spend, log, report });
    report.twoFactor = target.twoFactor;
    ref.twoFactor = target.twoFactor;
    reference.configure(user, referencePassword, target.twoFactor ? { code: '000000', channel: target.vars.get('otpChannel') === 'sms' ? 'sms' : 'app' } : undefined);
    reference.mirror(user, others);

    // 2. The OAuth app is the kit's alone, or its steps are skipped.
    let appSkip: string | undefined = app ? undefined : 'no OAuth app given (--client-id and GHES_CLIENT_SECRET of an app only the kit uses)';
    if (app) {
      spend();
      const list = await exchange(target, 'GET', `/authorizations?client_id=${encodeURIComponent(app.clientId)}&per_page=100`, {});
      const foreign = Array.isArray(list.body) ? list.body.filter((item) => !isKits(item)).length : undefined;
      if (list.status !== 200 || foreign === undefined) appSkip = `the OAuth app's authorizations could not be listed (status ${list.status})`;
      else if (foreign > 0) appSkip = `the OAuth app ${app.clientId} has ${foreign} authorization(s) that are not the kit's: its grant must not be deleted`;
    }

    // 3. The table.
    for (const step of scenarios) {
      const skip = step.needs === 'oauth-app' ? appSkip : step.needs === 'two-factor' && !target.twoFactor ? 'the account has no two-factor authentication' : undefined;
      const missing = skip ? undefined : (missingVar(step, target) ?? missingVar(step, ref));
      if (skip || missing) {
        const why = skip ?? `it needs {${missing}}, which an earlier step did not give`;
        for (const check of step.compare) report.checks.push({ step: step.name, check, outcome: 'skip', detail: why });
        log(`- ${step.name}: skipped, ${why}`);
        continue;
      }
      spend();
      const sentTarget = await runStep(target, step, runId);
      const sentReference = await runStep(ref, step, runId);
      options.onStep?.(step, sentTarget.observed, sentReference.observed);
      const kit = (item: unknown, view: SideView) => isKits(item, view.runId);
      const results = compareStep({
        step,
        method: step.request.method,
        path: sentTarget.path,
        target: sentTarget.observed,
        reference: sentReference.observed,
        targetView: { ...viewOf(target, runId), aliases: (options.upstream ?? []).map((url) => url.replace(/\/+$/, '')) },
        referenceView: viewOf(ref, runId),
        ...(step.kitItemsOnly && { keep: kit }),
      });
      for (const result of results) {
        report.checks.push(result);
        log(result.outcome === 'pass' ? `✓ ${step.name} ${result.check}` : `✗ ${step.name} ${result.check}: ${result.detail}`);
      }
    }
  } catch (error) {
    if (error instanceof Stop) {
      report.interrupted = error.message === 'interrupted';
      report.error = error.message;
      log(`stopped: ${error.message}; cleaning up`);
    } else {
      report.error = (error as Error).message;
      log(`stopped: ${(error as Error).message}; cleaning up`);
    }
  } finally {
    // 4. The clean-up: every authorization the kit created and did not delete, even after a failure.
    for (const id of [...target.created.keys()]) {
      try {
        if (target.sent >= budget.total) continue; // over budget: left for the next run's scan
        const answer = await exchange(target, 'DELETE', `/authorizations/${id}`, {});
        if (answer.status === 204 || answer.status === 404) {
          target.created.delete(id);
          report.cleanup.createdDeleted += 1;
        }
      } catch {
        // Left for the next run's clean-up scan, which finds it by its note.
      }
    }
    report.cleanup.notDeleted = [...target.created.keys()];
    if (report.cleanup.notDeleted.length > 0)
      log(`✗ clean-up: ${report.cleanup.notDeleted.length} authorization(s) of the kit could not be deleted (ids ${report.cleanup.notDeleted.join(', ')}); the next run deletes them first`);
    else log(`clean-up: nothing of the kit's is left (${report.cleanup.createdDeleted} deleted now, ${report.cleanup.leftoversDeleted} left by earlier runs)`);
    report.sent = target.sent;
  }
  report.ok = report.error === undefined && report.cleanup.notDeleted.length === 0 && report.checks.every((check) => check.outcome !== 'fail');
  const failed = report.checks.filter((check) => check.outcome === 'fail').length;
  const skipped = report.checks.filter((check) => check.outcome === 'skip').length;
  log(`${report.ok ? 'the target matches' : 'the target differs'}: ${report.checks.length - failed - skipped} checks passed, ${failed} failed, ${skipped} skipped; ${report.sent} requests sent`);
  return report;
}

/** Reads every page of the user's authorizations; deletes those with the kit's note (earlier runs'); answers how many others there are. */
async function cleanupScan(
  side: Side,
  { maxPages, maxLeftovers, spend, log, report }: { maxPages: number; maxLeftovers: number; spend: () => void; log: (line: string) => void; report: ConformanceReport },
): Promise<number> {
  const leftovers: number[] = [];
  let others = 0;
  for (let page = 1; page <= maxPages; page += 1) {
    spend();
    let answer = await exchange(side, 'GET', `/authorizations?per_page=100&page=${page}`, { otp: side.twoFactor });
    const challenge = answer.headers['x-github-otp'];
    if (answer.status === 401 && challenge?.startsWith('required') && !side.twoFactor) {
      side.twoFactor = true;
      side.vars.set('otpChannel', challenge.split(';')[1]?.trim() ?? 'app');
      spend();
      answer = await exchange(side, 'GET', `/authorizations?per_page=100&page=${page}`, { otp: true });
    }
    if (answer.status !== 200 || !Array.isArray(answer.body)) throw new Error(`the clean-up scan could not list the authorizations: status ${answer.status}${messageText(answer)}`);
    for (const item of answer.body) {
      if (isKits(item)) leftovers.push((item as { id: number }).id);
      else others += 1;
    }
    // The next page by number, never by following Link (which could point anywhere): a short page is the last.
    if (answer.body.length < 100 || !/rel="next"/.test(answer.headers.link ?? '')) break;
    if (page === maxPages) throw new Error(`the user has more than ${maxPages * 100} authorizations: raise --max-pages to scan them all`);
  }
  if (leftovers.length > maxLeftovers) throw new Error(`${leftovers.length} authorizations with the kit's note are left from earlier runs, more than --max-leftovers ${maxLeftovers}`);
  for (const id of leftovers) {
    spend();
    const answer = await exchange(side, 'DELETE', `/authorizations/${id}`, { otp: side.twoFactor });
    if (answer.status === 204 || answer.status === 404) report.cleanup.leftoversDeleted += 1;
    else throw new Error(`the leftover authorization ${id} could not be deleted: status ${answer.status}${messageText(answer)}`);
  }
  log(`clean-up scan: ${leftovers.length} authorization(s) left by earlier runs deleted, ${others} others untouched`);
  return others;
}

/** Sends one step on one side: placeholders filled, its captures and creations kept. */
async function runStep(side: Side, step: Step, runId: string): Promise<{ path: string; observed: Observed }> {
  const fill = (text: string) => fillText(text, side, runId);
  const path = fill(step.request.path);
  const body = step.request.body && fillValue(step.request.body, fill);
  const observed = await exchange(side, step.request.method, path, {
    body,
    credentials: step.request.credentials ?? 'basic',
    otp: step.request.otp !== false && side.twoFactor,
    ...(step.request.ifNoneMatch && { ifNoneMatch: String(side.vars.get(step.request.ifNoneMatch)) }),
  });
  for (const [name, from] of Object.entries(step.capture ?? {})) {
    const value = from.startsWith('header.') ? observed.headers[from.slice('header.'.length)] : pick(observed.body, from.slice('body.'.length));
    if (value !== undefined && value !== '') side.vars.set(name, value);
  }
  const id = (observed.body as { id?: unknown } | undefined)?.id;
  if (step.creates && observed.status === 201 && typeof id === 'number') side.created.set(id, step.needs === 'oauth-app' ? 'app' : 'personal');
  if (step.deletes && observed.status === 204) {
    if (step.deletes === 'app') for (const [created, kind] of side.created) kind === 'app' && side.created.delete(created);
    else side.created.delete(Number(side.vars.get(step.deletes)));
  }
  return { path, observed };
}

/** One request on one side, its answer read. */
async function exchange(
  side: Side,
  method: string,
  path: string,
  { body, credentials = 'basic', otp = side.twoFactor, ifNoneMatch }: { body?: unknown; credentials?: 'basic' | 'wrong-password' | 'token'; otp?: boolean; ifNoneMatch?: string },
): Promise<Observed> {
  const headers = new Headers({ accept: 'application/vnd.github+json', 'user-agent': 'ghes-oauth-authorizations-conformance' });
  if (credentials === 'token') headers.set('authorization', `token ${String(side.vars.get('createdToken'))}`);
  else headers.set('authorization', `Basic ${base64(`${side.user}:${credentials === 'wrong-password' ? `wrong-${randomId()}` : side.password}`)}`);
  if (otp && side.otp) headers.set('x-github-otp', await side.otp());
  if (ifNoneMatch !== undefined) headers.set('if-none-match', ifNoneMatch);
  if (body !== undefined) headers.set('content-type', 'application/json');
  side.sent += 1;
  const response = await side.transport.send(new Request(`${side.transport.base}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) }));
  const text = await response.text();
  let parsed: unknown = text === '' ? undefined : text;
  try {
    if (text !== '') parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text, which the checks compare as it is
  }
  const answerHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    answerHeaders[name.toLowerCase()] = value;
  });
  return { status: response.status, headers: answerHeaders, body: parsed };
}

// --- utils -----------------------------------------------------------------------------------

function fillText(text: string, side: Side, runId: string): string {
  return text.replace(/\{([A-Za-z]+)(?::([a-z-]+))?\}/g, (all, name: string, word?: string) => {
    if (name === 'note') return `${notePrefix}${runId} ${word}`;
    if (name === 'clientId') return side.app?.clientId ?? all;
    if (name === 'clientSecret') return side.app?.clientSecret ?? all;
    if (name === 'fingerprint') return kitFingerprint;
    const value = side.vars.get(name);
    return value === undefined ? all : encodeURIComponent(String(value));
  });
}

function fillValue(value: unknown, fill: (text: string) => string): unknown {
  if (typeof value === 'string') return fill(value);
  if (Array.isArray(value)) return value.map((item) => fillValue(item, fill));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, fillValue(inner, fill)]));
  return value;
}

/** The first placeholder of `step` this side cannot fill. */
function missingVar(step: Step, side: Side): string | undefined {
  const texts = [step.request.path, JSON.stringify(step.request.body ?? {})];
  if (step.request.credentials === 'token') texts.push('{createdToken}');
  if (step.request.ifNoneMatch) texts.push(`{${step.request.ifNoneMatch}}`);
  for (const text of texts) {
    for (const [, name] of text.matchAll(/\{([A-Za-z]+)(?::[a-z-]+)?\}/g)) {
      if (!['note', 'clientId', 'clientSecret', 'fingerprint'].includes(name!) && !side.vars.has(name!)) return name;
    }
  }
  return undefined;
}

function viewOf(side: Side, runId: string): SideView {
  const ids = new Map<number, string>();
  for (const [name, value] of side.vars) if (typeof value === 'number') ids.set(value, name);
  return { base: side.transport.base, ids, runId };
}

/** An authorization whose note is the kit's (of this run, when `runId` is given). */
export function isKits(item: unknown, runId?: string): boolean {
  const note = (item as { note?: unknown } | null)?.note;
  return typeof note === 'string' && note.startsWith(runId === undefined ? notePrefix : `${notePrefix}${runId} `);
}

function pick(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value);
}

const messageText = (answer: Observed) => {
  const message = (answer.body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? ` (${message.slice(0, 200)})` : '';
};

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export type { Reference };
