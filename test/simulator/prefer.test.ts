// chooseResponse checks a Prefer preference against an operation of the contract. The parser
// itself (linear, at most maxPreferLength characters, the same results as the former pattern) is
// tested in test/robustness/prefer-parser.test.ts.
import { describe, expect, it } from 'vitest';
import { operations } from '../../generated/simulator-contract.js';
import { chooseResponse, preferTarget } from '../../src/simulator/prefer.js';

describe('chooseResponse', () => {
  const getGrant = preferTarget(operations.find((o) => o.name === 'getGrant')!);

  it("reads the target from the contract: the operation's name and its statuses' examples", () => {
    expect(getGrant.name).toBe('get-grant');
    expect(getGrant.statuses['401']).toEqual(expect.arrayContaining(['requires-authentication', 'otp-required']));
  });

  it.each([
    ['', {}],
    ['code=401', { code: 401 }],
    ['example=otp-required', { code: 401, exampleKey: 'otp-required' }],
    ['code=401, example=otp-required', { code: 401, exampleKey: 'otp-required' }],
  ])('%j → %j', (header, expected) => {
    expect(chooseResponse(getGrant, header)).toEqual(expected);
  });

  it('a status or example the operation lacks is a problem listing what it has', () => {
    expect(chooseResponse(getGrant, 'code=418')).toEqual({ problem: `Prefer: code=418 is not a response of get-grant; it answers ${Object.keys(getGrant.statuses).join(', ')}` });
    expect(chooseResponse(getGrant, 'example=gone')).toMatchObject({
      problem: expect.stringMatching(/^Prefer: example=gone is not an example of get-grant; it has get-grant-200 \(200\), requires-authentication \(401\)/),
    });
  });
});
