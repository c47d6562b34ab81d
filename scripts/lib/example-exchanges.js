// Each operation of the contract with its success answer and a valid request, from the contract's
// own examples: what the client benchmark's server answers and what its contenders send.
import { readFileSync } from 'node:fs';

const bundle = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8'));
const methods = ['get', 'put', 'post', 'delete', 'patch'];

/** Follows a local `$ref` (`#/a/b`) inside the bundle. */
function resolve(node) {
  if (!node || typeof node.$ref !== 'string') return node;
  return resolve(node.$ref.slice(2).split('/').reduce((at, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], bundle));
}

/** The first example of a media type, or undefined when it has none. */
function firstExample(media) {
  if (!media) return undefined;
  if ('example' in media) return media.example;
  const [example] = Object.values(media.examples ?? {});
  return example && resolve(example).value;
}

/** The value of a path parameter in a request: its example, or a value of its type. */
function pathValue(parameter) {
  const { example, schema } = resolve(parameter);
  return example ?? (resolve(schema)?.type === 'integer' ? 1 : 'abc123');
}

/**
 * One entry per operation, in the contract's order: `{ operationId, method, path, pathParameters,
 * url, body, status, headers, answer }`. `url` is `path` with `pathParameters` filled in; `answer` is the JSON body
 * of the lowest 2xx response (undefined for 204), `headers` that response's example headers.
 */
export function contractOperations() {
  return Object.entries(bundle.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => methods.includes(method))
      .map((method) => {
        const operation = item[method];
        const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
        const pathParameters = Object.fromEntries(parameters.filter((parameter) => parameter.in === 'path').map((parameter) => [parameter.name, pathValue(parameter)]));
        const url = path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(pathParameters[name]));
        const status = Object.keys(operation.responses).filter((code) => /^2\d\d$/.test(code)).sort()[0];
        if (!status) throw new Error(`${method.toUpperCase()} ${path} documents no 2xx response`);
        const response = resolve(operation.responses[status]);
        const headers = Object.fromEntries(Object.entries(response.headers ?? {}).map(([name, header]) => [name, resolve(header).example]).filter(([, value]) => value !== undefined));
        return {
          operationId: operation.operationId,
          method,
          path,
          pathParameters,
          url,
          body: firstExample(resolve(operation.requestBody)?.content?.['application/json']),
          status: Number(status),
          headers,
          answer: firstExample(response.content?.['application/json']),
        };
      }),
  );
}
