// Every request and response body the contract describes, with its examples and the JSON pointer
// of its schema, found by walking the bundle (so a new operation or example is covered unasked).
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

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const methods = ['get', 'put', 'post', 'delete', 'patch'];

function pointerOf(node: any, fallback: string): string {
  return typeof node.$ref === 'string' ? node.$ref : fallback;
}

export const mediaTypes: MediaType[] = Object.entries<any>(bundle.paths).flatMap(([path, item]) =>
  methods
    .filter((method) => item[method])
    .flatMap((method) => {
      const operation = item[method];
      const at = `#/paths/${escape(path)}/${method}`;
      const bodies: Array<[string, any, string]> = [];
      if (operation.requestBody) bodies.push(['request', resolve(operation.requestBody), pointerOf(operation.requestBody, `${at}/requestBody`)]);
      for (const [status, response] of Object.entries<any>(operation.responses)) {
        bodies.push([status, resolve(response), pointerOf(response, `${at}/responses/${status}`)]);
      }
      return bodies.flatMap(([body, node, nodePointer]) =>
        Object.entries<any>(node.content ?? {}).map(([type, media]) => ({
          where: `${operation.operationId} ${body}`,
          operationId: operation.operationId,
          body,
          schemaPointer: pointerOf(media.schema, `${nodePointer}/content/${escape(type)}/schema`),
          examples: Object.fromEntries(Object.entries<any>(media.examples ?? {}).map(([name, example]) => [name, resolve(example).value])),
        })),
      );
    }),
);

/** The body schema of one operation's request (`request`) or response (status code). */
export function bodyOf(operationId: string, body: string): MediaType {
  const found = mediaTypes.find((media) => media.operationId === `oauth-authorizations/${operationId}` && media.body === body);
  if (!found) throw new Error(`the contract has no ${body} body for ${operationId}`);
  return found;
}
