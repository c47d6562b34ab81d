// Each operation of the contract with a valid request and its success answer, from the contract's
// own examples: what the client tests send, what the client benchmark's server answers and its
// contenders send. A new operation gets its exchange from its parameters and examples.
import { readFileSync } from 'node:fs';
import { functionNameOf, operationsOf, resolveRef } from './contract-helpers.js';

/** The first example of a media type, or undefined when it has none. */
function firstExample(document, media) {
  if (!media) return undefined;
  if ('example' in media) return media.example;
  const [example] = Object.values(media.examples ?? {});
  return example && resolveRef(document, example).value;
}

/** The value of a parameter in a request: its example, or the smallest value its schema allows. */
function parameterValue(document, parameter) {
  const { example, schema: reference } = resolveRef(document, parameter);
  if (example !== undefined) return example;
  const schema = resolveRef(document, reference) ?? {};
  if (schema.examples?.length) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}

/**
 * One entry per operation, in the contract's order: `{ name, operationId, method, path,
 * pathParameters, url, body, status, headers, answer }`. `name` is the client's function; `url` is
 * `path` with `pathParameters` filled in (percent-encoded); `body` the request body's first example;
 * `answer` the JSON body of the lowest 2xx response (undefined for 204), `headers` that response's
 * example headers.
 * @param {any} document the bundled contract
 */
export function exampleExchanges(document) {
  return operationsOf(document).map(({ path, method, item, operation }) => {
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) => resolveRef(document, parameter));
    const pathParameters = Object.fromEntries(parameters.filter((parameter) => parameter.in === 'path').map((parameter) => [parameter.name, parameterValue(document, parameter)]));
    const url = path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(String(pathParameters[name])));
    const status = Object.keys(operation.responses ?? {})
      .filter((code) => /^2\d\d$/.test(code))
      .sort()[0];
    if (!status) throw new Error(`${method.toUpperCase()} ${path} documents no 2xx response`);
    const response = resolveRef(document, operation.responses[status]);
    const headers = Object.fromEntries(
      Object.entries(response.headers ?? {})
        .map(([name, header]) => [name, resolveRef(document, header).example])
        .filter(([, value]) => value !== undefined),
    );
    return {
      name: functionNameOf(operation.operationId),
      operationId: operation.operationId,
      method,
      path,
      pathParameters,
      url,
      body: firstExample(document, resolveRef(document, operation.requestBody)?.content?.['application/json']),
      status: Number(status),
      headers,
      answer: firstExample(document, response.content?.['application/json']),
    };
  });
}

/** The exchanges of the committed bundle, generated/openapi.json (what the benchmarks use). */
export function contractOperations() {
  return exampleExchanges(JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8')));
}
