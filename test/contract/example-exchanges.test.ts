// The contract's example exchanges (what the client tests send, the client benchmark's server
// answers and its contenders send): every operation of the contract, with a request and an answer
// that the contract accepts.
import { describe, expect, it } from 'vitest';
import { exampleExchanges } from '../../scripts/lib/example-exchanges.js';
import { operationsOf, pointerOf } from '../../scripts/lib/contract-helpers.js';
import { bundle, errorsFor, resolve } from '../support/contract.js';

const exchanges = exampleExchanges(bundle);

describe('exampleExchanges', () => {
  it('lists every operation of the contract once, in its order', () => {
    expect(exchanges.map(({ method, path }) => `${method} ${path}`)).toEqual(operationsOf(bundle).map(({ method, path }) => `${method} ${path}`));
  });

  it.each(exchanges.map((exchange) => [exchange.operationId, exchange]))('%s: its answer, path parameters and request body match the contract', (_, exchange) => {
    expect(exchange.url).not.toContain('{');
    const at = (...keys: string[]) => pointerOf('paths', exchange.path, exchange.method, ...keys);
    if (exchange.status === 204) expect(exchange.answer).toBeUndefined();
    else expect(errorsFor(at('responses', String(exchange.status), 'content', 'application/json', 'schema'), exchange.answer)).toEqual([]);
    const item = bundle.paths[exchange.path];
    const declared = [
      ...(item.parameters ?? []).map((parameter: any, index: number) => parameter.$ref ?? pointerOf('paths', exchange.path, 'parameters', index)),
      ...(item[exchange.method].parameters ?? []).map((parameter: any, index: number) => parameter.$ref ?? at('parameters', String(index))),
    ].map((pointer: string) => ({ pointer, ...resolve({ $ref: pointer }) }));
    for (const [name, value] of Object.entries(exchange.pathParameters)) {
      const parameter = declared.find((each) => each.in === 'path' && each.name === name);
      expect(errorsFor(`${parameter?.pointer}/schema`, value), name).toEqual([]);
    }
    if (exchange.body !== undefined) expect(errorsFor(at('requestBody', 'content', 'application/json', 'schema'), exchange.body)).toEqual([]);
  });
});
