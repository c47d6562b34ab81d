// GitHub's token format (src/simulator/token-format.ts): prefix, 30 random base62 characters, and
// the base62 CRC32 of those 30 as the last 6, which secret scanners verify.
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base62Digits, crc32, formatToken, hasValidChecksum, tokenChecksum } from '../../src/simulator/token-format.js';

describe('the token checksum', () => {
  it("matches a published GitHub-format token (coolaj86's gist eb8cddfd3e4251258712dfed03e1f86d: 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)", () => {
    expect(tokenChecksum('zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ')).toBe('0mLq17');
    expect(hasValidChecksum('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')).toBe(true);
  });

  it("is zlib's CRC32, in base62 padded to 6 characters", () => {
    for (const text of ['', 'a', 'zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ', '000000000000000000000000000000']) {
      expect(crc32(text)).toBe(zlibCrc32(text));
      const checksum = tokenChecksum(text);
      expect(checksum).toHaveLength(6);
      expect([...checksum].reduce((n, digit) => n * 62 + base62Digits.indexOf(digit), 0)).toBe(zlibCrc32(text));
    }
  });

  it('is refused when any character changes', () => {
    const token = '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';
    for (const at of [4, 20, 33, 34, 39]) {
      const changed = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
      expect(hasValidChecksum(changed), changed).toBe(false);
    }
    expect(hasValidChecksum(`${token}x`)).toBe(false);
  });
});

describe('formatToken', () => {
  it('is the prefix, one base62 character per random byte, and their checksum: the same bytes, the same token', () => {
    const bytes = Uint8Array.from({ length: 30 }, (_, i) => i * 7);
    const token = formatToken('gho_', bytes);
    expect(token).toMatch(/^gho_[0-9A-Za-z]{36}$/);
    expect(token.slice(4, 34)).toBe([...bytes].map((b) => base62Digits[b % 62]).join(''));
    expect(hasValidChecksum(token)).toBe(true);
    expect(formatToken('gho_', bytes)).toBe(token);
  });

  it('needs 30 bytes', () => {
    expect(() => formatToken('ghp_', new Uint8Array(29))).toThrow('a token needs 30 random bytes, got 29');
  });
});
