// What the contract says an answer of one operation may be: the statuses it declares, and the schema
// of the body for each, checked with the precompiled validators (src/validators.ts). Read from the
// bundled contract as a JSON module, so it works wherever the simulator's `handle()` runs (Node,
// MSW, a browser test runner).
import bundle from '../../../generated/openapi.json' with { type: 'json' };
import { operationTable } from '../../../generated/operations.js';
import { resolveRef } from '../../../scripts/lib/contract-helpers.js';
import { type SchemaName, validationIssues } from '../../../src/validators.js';

export type OperationName = keyof typeof operationTable;

interface Declared {
  /** Body schema by status; null for a status without a body (204, 304). */
  bodies: Map<string, { schema: SchemaName; array: boolean } | null>;
}

const schemaPrefix = '#/components/schemas/';

const resolve = (node: any): any => resolveRef(bundle, node);

function schemaOf(schema: any): { schema: SchemaName; array: boolean } {
  if (typeof schema?.$ref === 'string' && schema.$ref.startsWith(schemaPrefix)) return { schema: schema.$ref.slice(schemaPrefix.length) as SchemaName, array: false };
  if (schema?.type === 'array') return { ...schemaOf(schema.items), array: true };
  throw new Error(`contract-check: a body schema that is neither a component nor an array of one: ${JSON.stringify(schema)}`);
}

const declared = new Map<OperationName, Declared>(
  Object.entries(operationTable).map(([name, { method, path }]) => {
    const operation = (bundle.paths as any)[path][method];
    const bodies = new Map(
      Object.entries<any>(operation.responses).map(([status, response]) => {
        const json = resolve(response).content?.['application/json'];
        return [status, json ? schemaOf(json.schema) : null] as const;
      }),
    );
    return [name as OperationName, { bodies }];
  }),
);

/** The statuses `operation` declares, e.g. `['200', '304', '401', '403', '404']`. */
export const declaredStatuses = (operation: OperationName): string[] => [...declared.get(operation)!.bodies.keys()];

/**
 * The problems of an answer of `operation` with `status` and (parsed JSON, or undefined) `body`
 * against the contract: an undeclared status, a body where none belongs or a missing one, and every
 * schema issue of the body. Empty when the answer is one the contract allows.
 */
export function contractProblems(operation: OperationName, status: number, body: unknown): string[] {
  const bodies = declared.get(operation)!.bodies;
  if (!bodies.has(String(status))) return [`${operation} does not declare ${status} (it declares ${[...bodies.keys()].join(', ')})`];
  const expected = bodies.get(String(status));
  if (expected === null) return body === undefined ? [] : [`${operation} ${status} has no body in the contract, but one came: ${JSON.stringify(body).slice(0, 200)}`];
  if (body === undefined) return [`${operation} ${status} needs a ${expected!.schema} body, and none came`];
  if (expected!.array && !Array.isArray(body)) return [`${operation} ${status}: the body must be an array of ${expected!.schema}`];
  const items = expected!.array ? (body as unknown[]) : [body];
  return items.flatMap((item, index) => validationIssues(expected!.schema, item).map((issue) => `${operation} ${status}${expected!.array ? `[${index}]` : ''}: ${issue.field} ${issue.message}`));
}
