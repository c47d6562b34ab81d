// GitHub's token format (github.blog, 2021-04-05, "Behind GitHub's new authentication token
// formats"): a prefix (`ghp_`, `gho_`), 30 random base62 characters, and 6 characters of checksum:
// the CRC32 of the 30, in base62 with leading zeros. Secret scanners check that checksum, so a
// token without it is "not a real token" to them.

/** Base62 digits in their order of value (GitHub's checksum uses this order). */
export const base62Digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const tokenRandomLength = 30;
export const tokenChecksumLength = 6;

/**
 * A token from `prefix` and the first 30 bytes of `random` (each byte becomes one base62
 * character), with its checksum. The randomness is the caller's: crypto's, or a seeded source.
 */
export function formatToken(prefix: string, random: Uint8Array): string {
  if (random.length < tokenRandomLength) throw new Error(`a token needs ${tokenRandomLength} random bytes, got ${random.length}`);
  let body = '';
  for (let i = 0; i < tokenRandomLength; i++) body += base62Digits[random[i]! % 62];
  return prefix + body + tokenChecksum(body);
}

/** The 6-character checksum of a token's 30 random characters. */
export function tokenChecksum(body: string): string {
  let n = crc32(body);
  let digits = '';
  while (n > 0) {
    digits = base62Digits[n % 62] + digits;
    n = Math.floor(n / 62);
  }
  return digits.padStart(tokenChecksumLength, '0');
}

/** True when `token` is a prefix `gh?_`, 30 base62 characters and their checksum. */
export function hasValidChecksum(token: string): boolean {
  const match = /^gh[a-z]_([0-9A-Za-z]{30})([0-9A-Za-z]{6})$/.exec(token);
  return match !== null && tokenChecksum(match[1]!) === match[2];
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as zlib's) of the text's UTF-8 bytes; a token's are ASCII. */
export function crc32(text: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
