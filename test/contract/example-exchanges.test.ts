// What the client benchmark's server answers and its contenders send: every operation of the
// contract, with a request and an answer that the contract accepts.
import { describe, expect, it } from 'vitest';
import { contractOperations } from '../../scripts/lib/example-exchanges.js';
import { bundle, errorsFor } from '../support/contract.js';

const operations = contractOperations();
const pointerOf = (...keys: string[]) => `#/${keys.map((key) => key.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;

describe('contractOperations', () => {
  it('lists every operation of the contract once, in its order', () => {
    const expected = Object.values<any>(bundle.paths).flatMap((item) => Object.values<any>(item).flatMap((operation) => operation.operationId ?? []));
    expect(operations.map((operation) => operation.operationId)).toEqual(expected);
  });

  it.each(operations.map((operation) => [operation.operationId, operation]))('%s: its answer and request body match the contract', (_, operation) => {
    expect(operation.url).not.toContain('{');
    const response = pointerOf('paths', operation.path, operation.method, 'responses', String(operation.status));
    if (operation.status === 204) expect(operation.answer).toBeUndefined();
    else expect(errorsFor(`${response}/content/application~1json/schema`, operation.answer)).toEqual([]);
    if (operation.body !== undefined) {
      const request = pointerOf('paths', operation.path, operation.method, 'requestBody', 'content', 'application/json', 'schema');
      expect(errorsFor(request, operation.body)).toEqual([]);
    }
  });
});
