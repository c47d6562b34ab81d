// src/validator-formats.ts keeps ajv-formats' full-mode verdicts: every string its fast paths accept, full mode
// accepts too (sampled from the fast-path regexes themselves); every string its quick rejections
// refuse, full mode refuses too; and on strings near and far from valid the two never disagree.
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { dateTimeShape, formats, plainDateTime, plainHttpUrl, uriCharacters } from '../../src/validator-formats.js';
import { dateTime as validDateTimes, uri as validUris } from '../../scripts/lib/arbitraries.js';

// ajv-formats' own module, as the contract tests' ajv uses it (CommonJS).
const { fullFormats } = createRequire(import.meta.url)('ajv-formats/dist/formats.js');
const fullUri: (value: string) => boolean = fullFormats.uri;
const fullDateTime: (value: string) => boolean = fullFormats['date-time'].validate;

const runs = 20_000;

/** Strings from an alphabet where valid and invalid are close: one edit apart, often. */
const near = (alphabet: string, maxLength: number) => fc.string({ unit: fc.constantFrom(...alphabet), maxLength });
const edited = (valid: fc.Arbitrary<string>, alphabet: string) =>
  fc.tuple(valid, fc.nat(), fc.constantFrom(...alphabet), fc.constantFrom('insert', 'replace', 'delete')).map(([value, at, char, how]) => {
    const i = value.length === 0 ? 0 : at % value.length;
    if (how === 'insert') return value.slice(0, i) + char + value.slice(i);
    if (how === 'replace') return value.slice(0, i) + char + value.slice(i + 1);
    return value.slice(0, i) + value.slice(i + 1);
  });

describe('uri', () => {
  const alphabet = "abcAZ09-._~:/?#[]@!$&'()*+,;=% é\u00a0\n";

  it('accepts nothing on its fast path that full mode rejects', () => {
    fc.assert(
      fc.property(fc.stringMatching(plainHttpUrl), (value) => fullUri(value)),
      { numRuns: runs },
    );
  });

  const strings = fc.oneof(
    validUris,
    edited(validUris, alphabet),
    edited(fc.webUrl({ withQueryParameters: true, withFragments: true }), alphabet),
    edited(fc.stringMatching(plainHttpUrl), alphabet),
    near(alphabet, 30),
    fc.string(),
  );

  it('rejects at once only strings full mode rejects', () => {
    fc.assert(
      fc.property(strings, (value) => uriCharacters.test(value) || !fullUri(value)),
      { numRuns: runs },
    );
  });

  it('gives full mode’s verdict on URIs, near-URIs and noise', () => {
    fc.assert(
      fc.property(strings, (value) => formats.uri(value) === fullUri(value)),
      { numRuns: runs },
    );
  });

  it.each(['https://HOSTNAME/api/v3/authorizations/1', 'http://my-github-app.com', 'HTTP://X', 'urn:isbn:1', 'http://[::1]/', 'http://h/%41'])('accepts %s', (value) => {
    expect(formats.uri(value)).toBe(true);
  });

  it.each(['', 'not a url', 'http//nope', 'http:', 'http://h/ x', 'http://h/%zz', 'http://h/é', '//h/x'])('rejects %j', (value) => {
    expect(formats.uri(value)).toBe(false);
  });
});

describe('date-time', () => {
  const alphabet = '0123456789-:.TtZz+ \u00a0\u2028';
  const dateTimes = fc
    .date({ min: new Date(Date.UTC(0, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
    .map((date) => date.toISOString())
    .filter((value) => !value.startsWith('+') && !value.startsWith('-'));

  it('accepts nothing on its fast path that full mode rejects', () => {
    fc.assert(
      fc.property(fc.stringMatching(plainDateTime), (value) => fullDateTime(value)),
      { numRuns: runs },
    );
  });

  const strings = fc.oneof(dateTimes, validDateTimes, edited(validDateTimes, alphabet), edited(fc.stringMatching(plainDateTime), alphabet), near(alphabet, 26), fc.string());

  it('rejects at once only strings full mode rejects', () => {
    fc.assert(
      fc.property(strings, (value) => dateTimeShape.test(value) || !fullDateTime(value)),
      { numRuns: runs },
    );
  });

  it('gives full mode’s verdict on date-times, near date-times and noise', () => {
    fc.assert(
      fc.property(strings, (value) => formats['date-time'].validate(value) === fullDateTime(value)),
      { numRuns: runs },
    );
  });

  it.each(['2011-09-06T17:26:27Z', '2024-02-29T00:00:00Z', '2011-09-06t17:26:27z', '2011-09-06 17:26:27+0530', '2016-12-31T23:59:60Z', '2011-09-06T17:26:27.5-08:00'])('accepts %s', (value) => {
    expect(formats['date-time'].validate(value)).toBe(true);
  });

  it.each(['2011-09-06T17:26:27', '2023-02-29T00:00:00Z', '2011-09-31T00:00:00Z', '2011-13-01T00:00:00Z', '2011-09-06T24:00:00Z', '2011-09-06T12:00:60Z', '2011-09-06'])('rejects %s', (value) => {
    expect(formats['date-time'].validate(value)).toBe(false);
  });
});

describe('int64 and int32', () => {
  it('int64 takes the integers a number holds exactly, as the contract tests do', () => {
    expect([1, -1, Number.MAX_SAFE_INTEGER].map(formats.int64.validate)).toEqual([true, true, true]);
    expect([2 ** 53, 1.5, Number.NaN].map(formats.int64.validate)).toEqual([false, false, false]);
  });

  it('int32 stops at 2^31 - 1', () => {
    expect([2 ** 31 - 1, -(2 ** 31)].map(formats.int32.validate)).toEqual([true, true]);
    expect([2 ** 31, -(2 ** 31) - 1].map(formats.int32.validate)).toEqual([false, false]);
  });
});
