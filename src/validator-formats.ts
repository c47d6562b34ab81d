// The string and number formats the precompiled validators check, with the verdicts of the contract
// tests' ajv-formats "full" mode (and their int32/int64), only faster.
//
// Build-time input: scripts/build/generate-validators.js inlines this module, and the ajv-formats code it
// falls back to, into generated/validators.ts. Nothing imports it at run time.
//
// Why: on a realistic authorization payload nearly all of ajv's time goes to the full-mode `uri`
// regex (about 240 ns per URL) and `date-time` parser (about 600 ns per timestamp). Each check below
// first tries a fast path that accepts only a plain subset of what full mode accepts, then a quick
// test that rejects only strings full mode rejects too, and hands what is left to full mode itself.
// So no verdict changes: test/validators/ samples each regex against full mode, and compares the
// validators with the reference ajv.
import { fullFormats } from 'ajv-formats/dist/formats.js';

const reference = fullFormats as unknown as {
  uri: (value: string) => boolean;
  'date-time': { validate: (value: string) => boolean };
};

// --- uri -------------------------------------------------------------------------------------

/**
 * `http://` or `https://`, a host of unreserved characters, an optional `:port`, then optionally a
 * path, a query and a fragment; no user info, percent-encoding or non-ASCII. Full mode's regex
 * matches each such string as scheme, `//`, reg-name, port, path-abempty, query and fragment (its
 * character classes are these and more). A regex: V8 runs it faster than a loop over char codes.
 * Exported for the test that samples it.
 */
export const plainHttpUrl = /^https?:\/\/[A-Za-z0-9\-._~]+(?::[0-9]*)?(?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)?(?:\?[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)?(?:#[A-Za-z0-9\-._~!$&'()*+,;=:@/?]*)?$/;

/**
 * A scheme, then only characters full mode's regex has anywhere (it is case-insensitive, and without
 * the `u` flag no non-ASCII character matches `[a-z]`). A string outside it is rejected at once.
 */
export const uriCharacters = /^[a-z][a-z0-9+\-.]*:[a-z0-9\-._~!$&'()*+,;=:@/?#[\]%]*$/i;

function uri(value: string): boolean {
  return plainHttpUrl.test(value) || (uriCharacters.test(value) && reference.uri(value));
}

// --- date-time -------------------------------------------------------------------------------

/**
 * `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with an upper-case `T` and `Z`, a day that exists in
 * every year (29 February is left to full mode) and no leap second: the form servers send. Full mode
 * accepts each of these too; it alone decides the rest (lower case, a space for `T`, `±HHMM`, leap
 * days and seconds, and everything invalid). Exported for the test that samples it.
 */
export const plainDateTime =
  /^[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$/;

/**
 * The shape of everything full mode accepts: it splits at the one `t` or white space, then wants
 * `YYYY-MM-DD` before it and `HH:MM:SS[.fraction]` and a zone after it. A string outside it (most
 * often: no zone) is rejected at once.
 */
export const dateTimeShape = /^\d{4}-\d\d-\d\d[Tt\s]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d(?::?\d\d)?)$/;

function dateTime(value: string): boolean {
  return plainDateTime.test(value) || (dateTimeShape.test(value) && reference['date-time'].validate(value));
}

// --- the formats, shaped as ajv registered them (a function, or an object with `validate`) -----

export const formats = {
  uri,
  'date-time': { validate: dateTime },
  int32: { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 },
  // Only integers a JavaScript number holds exactly: a larger id cannot round-trip through JSON.parse.
  int64: { type: 'number', validate: (value: number) => Number.isSafeInteger(value) },
};
