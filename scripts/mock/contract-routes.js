// The mock's view of the bundled contract, derived once at start: one route per operation (how its
// path matches, its parameters and body with their compiled validators, its statuses and example
// names) and the contract's own error bodies, which the mock reuses for the errors it answers itself.
import { readFileSync } from 'node:fs';
import { createContractAjv } from '../contract-ajv.js';

export const bundleFile = new URL('../../generated/openapi.json', import.meta.url);

const methods = ['get', 'put', 'post', 'delete', 'patch'];
const escape = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function loadContract(file = bundleFile) {
  const bundle = JSON.parse(readFileSync(file, 'utf8'));
  const ajv = createContractAjv(bundle);

  /** Follows a local `$ref`; returns the node and the JSON pointer it lives at. */
  const follow = (node, pointer) => {
    while (node && typeof node.$ref === 'string') {
      pointer = node.$ref;
      node = pointer.slice(2).split('/').reduce((at, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], bundle);
    }
    return { node, pointer };
  };
  const validatorAt = (pointer) => {
    const validate = ajv.getSchema(`openapi.json${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer} in generated/openapi.json`);
    return validate;
  };
  const parameter = (reference, fallbackPointer) => {
    const { node, pointer } = follow(reference, fallbackPointer);
    return { name: node.name, in: node.in, schemaType: follow(node.schema, '').node.type, validate: validatorAt(`${pointer}/schema`) };
  };
  const example = (name) => {
    const value = bundle.components.examples[name]?.value;
    if (value === undefined) throw new Error(`the contract has no example named ${name}`);
    return value;
  };

  const routes = Object.entries(bundle.paths).flatMap(([path, item]) =>
    methods
      .filter((method) => item[method])
      .map((method) => {
        const operation = item[method];
        const at = `#/paths/${escape(path)}`;
        const parameters = [
          ...(item.parameters ?? []).map((p, i) => parameter(p, `${at}/parameters/${i}`)),
          ...(operation.parameters ?? []).map((p, i) => parameter(p, `${at}/${method}/parameters/${i}`)),
        ];
        const requestBody = operation.requestBody && follow(operation.requestBody, `${at}/${method}/requestBody`);
        const bodySchema = requestBody && follow(requestBody.node.content['application/json'].schema, `${requestBody.pointer}/content/application~1json/schema`);
        return {
          method,
          path,
          operationId: operation.operationId,
          /** The operationId without its `oauth-authorizations/` prefix. */
          name: operation.operationId.split('/').pop(),
          segments: path.split('/').slice(1).map((segment) => segment.match(/^\{(\w+)\}$/)?.[1] ?? { literal: segment }),
          pathParameters: parameters.filter((p) => p.in === 'path'),
          queryParameters: parameters.filter((p) => p.in === 'query'),
          headerParameters: parameters.filter((p) => p.in === 'header'),
          body: bodySchema && { required: requestBody.node.required === true, validate: validatorAt(bodySchema.pointer) },
          /** status → the names of its examples */
          statuses: Object.fromEntries(
            Object.entries(operation.responses).map(([status, response]) => [
              status,
              Object.keys(follow(response, '').node.content?.['application/json']?.examples ?? {}),
            ]),
          ),
        };
      }),
  );

  const unauthorized = follow(bundle.components.responses['requires-authentication'], '').node;
  const validationExample = example('missing-field');
  return {
    bundle,
    routes,
    /** The contract's 401: its body, and the Basic challenge its WWW-Authenticate header declares. */
    unauthorized: {
      body: example('requires-authentication'),
      challenge: follow(unauthorized.headers['WWW-Authenticate'], '').node.example,
    },
    notFound: example('not-found'),
    /** The parts of a 422 body that do not depend on what was wrong. */
    validationFailed: {
      message: validationExample.message,
      resource: validationExample.errors[0].resource,
      documentation_url: validationExample.documentation_url,
    },
  };
}
