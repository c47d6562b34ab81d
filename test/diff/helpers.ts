// Runs the diff CLIs on contracts derived from the real bundle by a targeted mutation, so every
// rule is exercised on the contract's own shapes, through its $refs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bundlePath = join(root, 'generated/openapi.json');
const bundleText = readFileSync(bundlePath, 'utf8');

/** A fresh copy of the bundled contract to mutate. */
export const contract = (): any => JSON.parse(bundleText);

export interface Item {
  rule: string;
  operation: string;
  operationId: string | null;
  location: string;
  message: string;
}
export interface Report {
  old: string;
  new: string;
  breaking: Item[];
  nonBreaking: Item[];
}
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <script> ...args` from the repository root; never rejects. */
export function run(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, script), ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

/** Runs at most `size` tasks at a time: each diff spawns Redocly, and the machine has two cores. */
export function pool(size: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** A scratch folder for one test file, removed by `cleanup`. */
export function scratchFolder() {
  const folder = mkdtempSync(join(tmpdir(), 'ghes-oauth-diff-test-'));
  let count = 0;
  return {
    folder,
    /** Writes a document as JSON (or `text` verbatim) and returns its path. */
    write(document: unknown, name = `contract-${++count}.json`): string {
      const path = join(folder, name);
      writeFileSync(path, typeof document === 'string' ? document : JSON.stringify(document, null, 2));
      return path;
    },
    cleanup: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** Item fields a test compares: no message, which is Redocly's prose. */
export const placed = ({ rule, operation, location }: Item) => ({ rule, operation, location });

const sortKey = (item: { rule: string; operation: string; location: string }) => `${item.operation} ${item.location} ${item.rule}`;
export const sorted = <T extends { rule: string; operation: string; location: string }>(items: T[]): T[] =>
  [...items].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));

// The ten operations, as the report names them.
export const op = {
  listGrants: 'GET /applications/grants',
  getGrant: 'GET /applications/grants/{grant_id}',
  deleteGrant: 'DELETE /applications/grants/{grant_id}',
  listAuthorizations: 'GET /authorizations',
  createAuthorization: 'POST /authorizations',
  getOrCreateForApp: 'PUT /authorizations/clients/{client_id}',
  getOrCreateForAppAndFingerprint: 'PUT /authorizations/clients/{client_id}/{fingerprint}',
  getAuthorization: 'GET /authorizations/{authorization_id}',
  updateAuthorization: 'PATCH /authorizations/{authorization_id}',
  deleteAuthorization: 'DELETE /authorizations/{authorization_id}',
} as const;
export const allOperations = Object.values(op);

const json = 'content/application/json/schema';
/** Every response body that is an `authorization` (one per operation and status), with `suffix` inside it. */
export const authorizationResponses = (suffix: string) => [
  { operation: op.listAuthorizations, location: `responses/200/${json}/items/${suffix}` },
  { operation: op.createAuthorization, location: `responses/201/${json}/${suffix}` },
  { operation: op.getOrCreateForApp, location: `responses/200/${json}/${suffix}` },
  { operation: op.getOrCreateForApp, location: `responses/201/${json}/${suffix}` },
  { operation: op.getOrCreateForAppAndFingerprint, location: `responses/200/${json}/${suffix}` },
  { operation: op.getOrCreateForAppAndFingerprint, location: `responses/201/${json}/${suffix}` },
  { operation: op.getAuthorization, location: `responses/200/${json}/${suffix}` },
  { operation: op.updateAuthorization, location: `responses/200/${json}/${suffix}` },
];
/** Every request body that has `scopes` (`authorization-scopes`), with `suffix` inside it. */
export const scopesRequests = (suffix: string) =>
  [op.createAuthorization, op.getOrCreateForApp, op.getOrCreateForAppAndFingerprint, op.updateAuthorization].map((operation) => ({
    operation,
    location: `requestBody/${json}/properties/scopes${suffix}`,
  }));
export const requestBody = (suffix: string) => `requestBody/${json}/${suffix}`;
