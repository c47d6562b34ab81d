// Every request and response body the contract describes, with its examples and the JSON pointer
// of its schema, found by walking the bundle (so a new operation or example is covered unasked).
import { escapeToken, operationsOf, pointerOf } from '../../scripts/lib/contract-helpers.js';
import { bundle, resolve } from './contract.js';

export interface MediaType {
  /** e.g. `oauth-authorizations/get-grant 200` or `oauth-authorizations/create-authorization request` */
  where: string;
  operationId: string;
  /** `request`, or the status code */
  body: string;
  schemaPointer: string;
  /** example name → value */
  examples: Record<string, unknown>;
}

/** The request body and each response of an operation: `request` or the status, the node resolved, and the pointer where it lives. */
function bodiesOf(path: string, method: string, operation: any): Array<{ body: string; node: any; pointer: string }> {
  const entries: Array<[string, any, string]> = [
    ['request', operation.requestBody, pointerOf('paths', path, method, 'requestBody')],
    ...Object.entries<any>(operation.responses ?? {}).map(([status, response]): [string, any, string] => [status, response, pointerOf('paths', path, method, 'responses', status)]),
  ];
  return entries.filter(([, node]) => node).map(([body, node, at]) => ({ body, node: resolve(node), pointer: node.$ref ?? at }));
}

export const mediaTypes: MediaType[] = operationsOf(bundle).flatMap(({ path, method, operation }) =>
  bodiesOf(path, method, operation).flatMap(({ body, node, pointer }) =>
    Object.entries<any>(node.content ?? {}).map(([type, media]) => ({
      where: `${operation.operationId} ${body}`,
      operationId: operation.operationId,
      body,
      schemaPointer: media.schema?.$ref ?? `${pointer}/content/${escapeToken(type)}/schema`,
      examples: Object.fromEntries(Object.entries<any>(media.examples ?? {}).map(([name, example]) => [name, resolve(example).value])),
    })),
  ),
);

/** The body schema of one operation's request (`request`) or response (status code). */
export function bodyOf(operationId: string, body: string): MediaType {
  const found = mediaTypes.find((media) => media.operationId === `oauth-authorizations/${operationId}` && media.body === body);
  if (!found) throw new Error(`the contract has no ${body} body for ${operationId}`);
  return found;
}
