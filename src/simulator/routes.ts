// The contract's operations as routes: which operation a method and path are for, or why none is
// (an unknown path: 404; a known path with another method: the methods it serves, which GitHub
// answers 404 as well; a path parameter the contract does not allow: 404, as on the server, where
// /authorizations/abc names no authorization). POST is taken wherever PATCH is, as GitHub's v3 did.
import { type OperationFact, type ParameterFact, operations, parameterValidators } from '../../generated/simulator-contract.js';
import type { SchemaError } from '../../generated/validators.js';

export type { OperationFact, ParameterFact } from '../../generated/simulator-contract.js';

export interface Route {
  operation: OperationFact;
  /** Each path segment: a literal, or the name of a path parameter. */
  segments: ReadonlyArray<string | { parameter: ParameterFact }>;
}

export const routes: readonly Route[] = operations.map((operation) => ({
  operation,
  segments: operation.path
    .split('/')
    .slice(1)
    .map((segment) => {
      if (!segment.startsWith('{') || !segment.endsWith('}')) return segment;
      const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === segment.slice(1, -1));
      if (!parameter) throw new Error(`the contract's ${operation.operationId} has no path parameter ${segment}`);
      return { parameter };
    }),
}));

/** The operation's path parameters, typed as the contract says. */
export type PathParameters = Record<string, string | number | boolean>;

export type RouteMatch =
  | { route: Route; pathParameters: PathParameters }
  | { allow: string[] }
  /** `reason` says which path parameter did not fit, or is '' when the path is simply unknown. */
  | { notFound: string };

/** Finds the route for `method` (any case) and `path` (without the /api/v3 prefix). */
export function matchRoute(method: string, path: string): RouteMatch {
  const segments = path.split('/').slice(1);
  const matches: Array<{ route: Route; pathParameters: PathParameters }> = [];
  let reason = '';
  for (const route of routes) {
    if (route.segments.length !== segments.length) continue;
    const pathParameters: PathParameters = {};
    let fits = true;
    for (const [index, expected] of route.segments.entries()) {
      const actual = segments[index] ?? '';
      if (typeof expected === 'string') fits = actual === expected;
      else {
        const checked = checkPathParameter(expected.parameter, actual);
        if (typeof checked === 'string') {
          fits = false;
          reason ||= checked;
        } else pathParameters[expected.parameter.name] = checked.value;
      }
      if (!fits) break;
    }
    if (fits) matches.push({ route, pathParameters });
  }
  const lower = method.toLowerCase();
  const lookup = lower === 'head' ? 'get' : lower;
  // GitHub's v3 took POST for PATCH (for clients that cannot send PATCH; github3.py still updates so).
  const match = matches.find(({ route }) => route.operation.method === lookup) ?? (lookup === 'post' ? matches.find(({ route }) => route.operation.method === 'patch') : undefined);
  if (match) return match;
  if (matches.length > 0) return { allow: allowedMethods(matches.map(({ route }) => route.operation.method)) };
  return { notFound: reason };
}

/** The Allow header's methods for a path that serves `methods`. */
export function allowedMethods(methods: readonly string[]): string[] {
  const allow = methods.map((m) => m.toUpperCase());
  if (allow.includes('PATCH') && !allow.includes('POST')) allow.push('POST');
  if (allow.includes('GET')) allow.push('HEAD');
  return [...allow, 'OPTIONS'];
}

/** Checks one raw path segment against its parameter: its value, or what is wrong with it. */
function checkPathParameter(parameter: ParameterFact, raw: string): { value: string | number | boolean } | string {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return `${parameter.name} is not valid percent-encoded UTF-8`;
  }
  const problem = parameterProblem(parameter, text);
  return problem === undefined ? { value: coerce(parameter, text) } : `${parameter.name} ${JSON.stringify(text)} ${problem}`;
}

/** What is wrong with `text` as a value of `parameter` ("must be integer"), or undefined when it fits. */
export function parameterProblem(parameter: ParameterFact, text: string): string | undefined {
  const validate = parameterValidators[parameter.validator];
  return validate(coerce(parameter, text)) ? undefined : describeErrors(validate.errors);
}

/**
 * Path and query values arrive as text; the contract types them. `"12"` → 12 for an integer; text
 * that is no number stays text and fails validation. An integer is digits only, as in GitHub's
 * routes: `"2.0"` is no id, though Number() makes it 2.
 */
export function coerce(parameter: Pick<ParameterFact, 'type'>, text: string): string | number | boolean {
  if (parameter.type === 'integer' && isDigits(text, true)) return Number(text);
  if (parameter.type === 'number' && isDecimal(text)) return Number(text);
  if (parameter.type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

const isDigits = (text: string, signed = false): boolean => {
  const start = signed && text.startsWith('-') ? 1 : 0;
  if (text.length === start) return false;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
};

const isDecimal = (text: string): boolean => {
  const unsigned = text.startsWith('-') ? text.slice(1) : text;
  const [whole = '', fraction, ...rest] = unsigned.split('.');
  return rest.length === 0 && isDigits(whole) && (fraction === undefined || isDigits(fraction));
};

/** ajv's errors for a single value, as one phrase: "must be integer", "must be >= 1", "must be \"2022-11-28\"". */
export function describeErrors(errors: readonly SchemaError[] | null | undefined): string {
  const phrases = (errors ?? []).map((error) =>
    error.keyword === 'enum' ? `must be ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(' or ')}` : (error.message ?? `must pass ${error.keyword}`),
  );
  return [...new Set(phrases)].join(', ');
}
