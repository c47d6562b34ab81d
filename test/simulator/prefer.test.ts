// The Prefer parser reads a header from the network: linear in its length, reading at most
// maxPreferLength characters; chooseResponse checks the preference against the operation.
import { describe, expect, it } from 'vitest';
import { operations } from '../../generated/simulator-contract.js';
import { chooseResponse, maxPreferLength, parsePrefer, preferTarget } from '../../src/simulator/prefer.js';

const hostile = (n: number) => `code=${' '.repeat(n)}"${' '.repeat(n)}"x`;

describe('parsePrefer', () => {
  it.each([
    ['code=201', { code: '201' }],
    ['example=gone', { example: 'gone' }],
    ['code=422, example=note-already-exists', { code: '422', example: 'note-already-exists' }],
    ['  CODE = "401" ; Example="otp-required"  ', { code: '401', example: 'otp-required' }],
    ['return=minimal, wait=10', {}],
    ['code=a"b', {}],
    ['code=201, code=404', { code: '404' }],
    ['', {}],
  ])('%j → %j', (header, expected) => {
    expect(parsePrefer(header)).toEqual(expected);
  });

  it('parses a hostile 1 MB header in well under 100 ms', () => {
    const header = hostile(512 * 1024);
    parsePrefer(header);
    const started = performance.now();
    parsePrefer(header);
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('chooseResponse', () => {
  const getGrant = preferTarget(operations.find((o) => o.name === 'getGrant')!);

  it('reads the target from the contract: the operation\'s name and its statuses\' examples', () => {
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
    expect(chooseResponse(getGrant, 'example=gone')).toMatchObject({ problem: expect.stringMatching(/^Prefer: example=gone is not an example of get-grant; it has get-grant-200 \(200\), requires-authentication \(401\)/) });
  });

  it('refuses a header longer than it reads', () => {
    const header = hostile(8 * 1024);
    expect(chooseResponse(getGrant, header)).toEqual({ problem: `Prefer header is ${header.length} characters long; the mock reads at most ${maxPreferLength}` });
  });
});
