// Runs the diff CLIs on contracts derived from the real bundle by a targeted mutation, so every
// rule is exercised on the contract's own shapes, through its $refs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { functionNameOf, operationsOf, resolveRef } from '../../scripts/lib/contract-helpers.js';
import type { OperationName } from '../../src/index.js';

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
export const sorted = <T extends { rule: string; operation: string; location: string }>(items: T[]): T[] => [...items].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));

// The contract's operations, as the report names them (`GET /applications/grants`), by the name
// of the client's function.
const bundle = contract();
export const op = Object.fromEntries(operationsOf(bundle).map(({ method, path, operation }) => [functionNameOf(operation.operationId), `${method.toUpperCase()} ${path}`])) as Record<
  OperationName,
  string
>;
export const allOperations = Object.values(op);

const json = 'content/application/json/schema';
const bodySchema = (body: any) => resolveRef(bundle, resolveRef(bundle, body)?.content?.['application/json']?.schema);

/** Every response body that is an `authorization`, or a list of them (one per operation and status), with `suffix` inside it. */
export const authorizationResponses = (suffix: string) =>
  operationsOf(bundle).flatMap(({ method, path, operation }) =>
    Object.entries<any>(operation.responses).flatMap(([status, response]) => {
      const schema = resolveRef(bundle, response)?.content?.['application/json']?.schema;
      const authorization = '#/components/schemas/authorization';
      if (schema?.$ref === authorization) return [{ operation: `${method.toUpperCase()} ${path}`, location: `responses/${status}/${json}/${suffix}` }];
      if (schema?.items?.$ref === authorization) return [{ operation: `${method.toUpperCase()} ${path}`, location: `responses/${status}/${json}/items/${suffix}` }];
      return [];
    }),
  );
/** Every request body that has `scopes` (`authorization-scopes`), with `suffix` inside it. */
export const scopesRequests = (suffix: string) =>
  operationsOf(bundle)
    .filter(({ operation }) => bodySchema(operation.requestBody)?.properties?.scopes?.$ref === '#/components/schemas/authorization-scopes')
    .map(({ method, path }) => ({ operation: `${method.toUpperCase()} ${path}`, location: `requestBody/${json}/properties/scopes${suffix}` }));
export const requestBody = (suffix: string) => `requestBody/${json}/${suffix}`;
