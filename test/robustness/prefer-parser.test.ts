// The Prefer parser reads a header from the network: it must take time linear in the header's
// length (a backtracking pattern took ~5 s on a 4 KB header and minutes at Node's 16 KB limit,
// freezing every other client), and read what the former pattern read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseResponse, maxPreferLength, parsePrefer } from '../../src/simulator/prefer.js';
import { timeRatio } from '../support/growth.js';

/** The former parser: right on short input, polynomial on hostile input. Kept as the oracle. */
function formerParsePrefer(header: string | undefined) {
  const preferences: Record<string, string> = {};
  for (const part of (header ?? '').split(/[,;]/)) {
    const match = /^\s*(code|example)\s*=\s*"?([^"]*?)"?\s*$/i.exec(part);
    if (match) preferences[match[1]!.toLowerCase()] = match[2]!;
  }
  return preferences;
}

/** `code=`, n spaces, a quote, n spaces, `"x`: the shape that made the former pattern backtrack. */
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

  it('reads what the former pattern read, on any short header of the characters that matter', () => {
    const piece = fc.constantFrom('code', 'example', 'Code', 'EXAMPLE', 'codex', '=', '"', ',', ';', ' ', '\t', '201', 'gone', 'a', '-', '\u00a0');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 14 }).map((pieces) => pieces.join('')),
        (header) => {
          expect(parsePrefer(header)).toEqual(formerParsePrefer(header));
        },
      ),
      { numRuns: 5000 },
    );
  });

  // 16 times the bytes may cost at most 4 times 16 times the time (a backtracking pattern cost
  // the square: 256 times); reading only maxPreferLength characters makes it about 1.
  it.each([4 * 1024, 64 * 1024])('parses a hostile header of %i bytes, and 16 times as many, in time that grows no faster than the bytes', (bytes) => {
    const [small, large] = [hostile((bytes - 7) / 2), hostile((16 * bytes - 7) / 2)];
    expect(
      timeRatio(
        () => parsePrefer(small),
        () => parsePrefer(large),
      ),
    ).toBeLessThan(64);
    const operation = { name: 'get-grant', statuses: { 200: [] } };
    expect(
      timeRatio(
        () => chooseResponse(operation, small),
        () => chooseResponse(operation, large),
      ),
    ).toBeLessThan(64);
  });

  it('reads only the first maxPreferLength characters', () => {
    expect(parsePrefer(`${' '.repeat(maxPreferLength)}code=201`)).toEqual({});
    expect(parsePrefer(`${' '.repeat(maxPreferLength - 8)}code=201`)).toEqual({ code: '201' });
  });
});

describe('chooseResponse', () => {
  const route = { name: 'get-grant', statuses: { 200: [], 401: ['requires-authentication', 'otp-required'] } };

  it('ignores what a longer header holds past the limit, instead of refusing it (RFC 7240 §2)', () => {
    expect(chooseResponse(route, hostile(8 * 1024))).toEqual({});
    // What was read still counts; what follows, or is cut by the limit, does not.
    const head = 'example=otp-required, ';
    expect(chooseResponse(route, `${head}${' '.repeat(maxPreferLength)}code=999`)).toEqual({ code: 401, exampleKey: 'otp-required' });
    expect(chooseResponse(route, `${' '.repeat(maxPreferLength - 6)}code=200`)).toEqual({});
    // 200 Prefer lines arrive joined by ", ": the first ones are read.
    expect(chooseResponse(route, Array(200).fill('code=401').join(', '))).toEqual({ code: 401 });
  });

  it('honours a header of exactly the limit', () => {
    const header = `${' '.repeat(maxPreferLength - 'example=otp-required'.length)}example=otp-required`;
    expect(chooseResponse(route, header)).toEqual({ code: 401, exampleKey: 'otp-required' });
  });
});
