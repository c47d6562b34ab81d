// Our contract beside GitHub's own OpenAPI description of a GHES release (@octokit/openapi's
// generated/ghes-3.1x.json), on the ten operations: each difference as one stable sentence, which
// test/fixtures/server-truth/release-differences.json must list (with its decision) for the test to pass.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type SchemaName, validationIssues } from '../../src/validators.js';

type Json = any;
const require = createRequire(import.meta.url);

/** GitHub's description of a GHES release, from the pinned @octokit/openapi. */
export const githubDescription = (release: string): Json => JSON.parse(readFileSync(require.resolve(`@octokit/openapi/generated/ghes-${release}.json`), 'utf8'));

/** A local `$ref` resolved (repeatedly) within its document. */
function resolve(document: Json, value: Json): Json {
  let current = value;
  while (current && typeof current === 'object' && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((node: Json, key: string) => node?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], document);
  }
  return current;
}

interface Operation {
  id: string;
  method: string;
  path: string;
  node: Json;
  pathParameters: Json[];
}

/** The ten OAuth Authorizations operations of a description, by operationId. */
export function operationsOf(document: Json): Map<string, Operation> {
  const found = new Map<string, Operation>();
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    for (const [method, node] of Object.entries<Json>(item)) {
      if (typeof node?.operationId === 'string' && node.operationId.startsWith('oauth-authorizations/')) {
        found.set(node.operationId, { id: node.operationId, method, path, node, pathParameters: item.parameters ?? [] });
      }
    }
  }
  return found;
}

/** A schema's types as one word list: OpenAPI 3.0's `nullable` and 3.1's `type: [x, 'null']` alike. */
function typesOf(document: Json, schema: Json): string {
  const resolved = resolve(document, schema) ?? {};
  const branches = resolved.anyOf ?? resolved.oneOf;
  const types = new Set<string>();
  if (branches) for (const branch of branches) for (const type of typesOf(document, branch).split('|')) types.add(type);
  for (const type of [resolved.type ?? []].flat()) types.add(type);
  if (resolved.nullable) types.add('null');
  if (types.size === 0 && resolved.$ref === undefined && !branches) types.add('any');
  return [...types].sort().join('|');
}

/** An object schema's fields: name → types, and which are required (an array's items, for a list). */
function fieldsOf(document: Json, schema: Json): { fields: Map<string, string>; required: Set<string> } {
  let resolved = resolve(document, schema) ?? {};
  if (resolved.type === 'array' || (Array.isArray(resolved.type) && resolved.type.includes('array'))) resolved = resolve(document, resolved.items) ?? {};
  const fields = new Map<string, string>(Object.entries<Json>(resolved.properties ?? {}).map(([name, property]) => [name, typesOf(document, property)]));
  return { fields, required: new Set(resolved.required ?? []) };
}

const jsonContent = (document: Json, node: Json) => resolve(document, node)?.content?.['application/json'];

function parametersOf(document: Json, operation: Operation): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const raw of [...operation.pathParameters, ...(operation.node.parameters ?? [])]) {
    const parameter = resolve(document, raw);
    parameters.set(`${parameter.in} ${parameter.name}`, `${parameter.required ? 'required' : 'optional'} ${typesOf(document, parameter.schema)}`);
  }
  return parameters;
}

/** Where two field lists differ, as sentences about `where`. */
function compareFields(where: string, ours: ReturnType<typeof fieldsOf>, theirs: ReturnType<typeof fieldsOf>): string[] {
  const found: string[] = [];
  for (const name of new Set([...ours.fields.keys(), ...theirs.fields.keys()])) {
    const a = ours.fields.get(name);
    const b = theirs.fields.get(name);
    if (a === undefined) found.push(`${where} field ${name}: only GitHub's (${b})`);
    else if (b === undefined) found.push(`${where} field ${name}: only ours (${a})`);
    else if (a !== b) found.push(`${where} field ${name}: ours ${a}, GitHub's ${b}`);
    if (a !== undefined && b !== undefined && ours.required.has(name) !== theirs.required.has(name)) {
      found.push(`${where} field ${name}: ${ours.required.has(name) ? 'required' : 'optional'} in ours, ${theirs.required.has(name) ? 'required' : 'optional'} in GitHub's`);
    }
  }
  return found;
}

/** Our validator's schema name for an operation's request body and success answers. */
const schemaNames: Record<string, { request?: SchemaName; response: SchemaName }> = {
  'oauth-authorizations/list-grants': { response: 'application-grant' },
  'oauth-authorizations/get-grant': { response: 'application-grant' },
  'oauth-authorizations/delete-grant': { response: 'application-grant' },
  'oauth-authorizations/list-authorizations': { response: 'authorization' },
  'oauth-authorizations/create-authorization': { request: 'create-authorization-request', response: 'authorization' },
  'oauth-authorizations/get-or-create-authorization-for-app': { request: 'get-or-create-authorization-for-app-request', response: 'authorization' },
  'oauth-authorizations/get-or-create-authorization-for-app-and-fingerprint': { request: 'get-or-create-authorization-for-app-and-fingerprint-request', response: 'authorization' },
  'oauth-authorizations/get-authorization': { response: 'authorization' },
  'oauth-authorizations/update-authorization': { request: 'update-authorization-request', response: 'authorization' },
  'oauth-authorizations/delete-authorization': { response: 'authorization' },
};

/** GitHub's examples of a request body or answer, each checked by our validator: one sentence per rejection. */
function exampleRejections(document: Json, where: string, content: Json, schema: SchemaName | undefined): string[] {
  if (!content?.examples || !schema) return [];
  const found: string[] = [];
  for (const [name, example] of Object.entries<Json>(content.examples)) {
    const value = resolve(document, example)?.value;
    for (const item of Array.isArray(value) ? value : [value]) {
      for (const issue of validationIssues(schema, item)) found.push(`${where} example ${name}: ${issue.pointer || '/'} ${issue.message}`);
    }
  }
  return [...new Set(found)];
}

/** How our contract differs from GitHub's description of one release, on the ten operations. */
export function releaseDifferences(ours: Json, theirs: Json): string[] {
  const found: string[] = [];
  const a = operationsOf(ours);
  const b = operationsOf(theirs);
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const mine = a.get(id);
    const github = b.get(id);
    if (!mine || !github) {
      found.push(`${id}: only in ${mine ? 'ours' : "GitHub's"}`);
      continue;
    }
    if (`${mine.method} ${mine.path}` !== `${github.method} ${github.path}`) found.push(`${id}: ours ${mine.method} ${mine.path}, GitHub's ${github.method} ${github.path}`);
    if (Boolean(mine.node.deprecated) !== Boolean(github.node.deprecated)) found.push(`${id}: deprecated ${Boolean(mine.node.deprecated)} in ours, ${Boolean(github.node.deprecated)} in GitHub's`);

    const ourParameters = parametersOf(ours, mine);
    const theirParameters = parametersOf(theirs, github);
    for (const key of new Set([...ourParameters.keys(), ...theirParameters.keys()])) {
      const x = ourParameters.get(key);
      const y = theirParameters.get(key);
      if (x !== y) found.push(`${id} parameter ${key}: ours ${x ?? 'absent'}, GitHub's ${y ?? 'absent'}`);
    }

    const ourStatuses = new Set(Object.keys(mine.node.responses));
    const theirStatuses = new Set(Object.keys(github.node.responses));
    for (const status of new Set([...ourStatuses, ...theirStatuses])) {
      if (!theirStatuses.has(status)) found.push(`${id} status ${status}: only ours`);
      else if (!ourStatuses.has(status)) found.push(`${id} status ${status}: only GitHub's`);
    }

    const names = schemaNames[id];
    const ourRequest = jsonContent(ours, mine.node.requestBody);
    const theirRequest = jsonContent(theirs, github.node.requestBody);
    if (Boolean(ourRequest) !== Boolean(theirRequest)) found.push(`${id} request body: ${ourRequest ? 'only ours' : "only GitHub's"}`);
    else if (ourRequest) found.push(...compareFields(`${id} request`, fieldsOf(ours, ourRequest.schema), fieldsOf(theirs, theirRequest.schema)));
    found.push(...exampleRejections(theirs, `${id} request`, theirRequest, names?.request));

    for (const status of [...theirStatuses].filter((s) => s.startsWith('2') && ourStatuses.has(s))) {
      const ourAnswer = jsonContent(ours, mine.node.responses[status]);
      const theirAnswer = jsonContent(theirs, github.node.responses[status]);
      if (Boolean(ourAnswer) !== Boolean(theirAnswer)) found.push(`${id} ${status} body: ${ourAnswer ? 'only ours' : "only GitHub's"}`);
      else if (ourAnswer) {
        found.push(...compareFields(`${id} ${status}`, fieldsOf(ours, ourAnswer.schema), fieldsOf(theirs, theirAnswer.schema)));
        found.push(...exampleRejections(theirs, `${id} ${status}`, theirAnswer, names?.response));
      }
    }
  }
  return found;
}
