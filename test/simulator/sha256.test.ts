// The simulator's SHA-256 (token digests) against Node's, for texts of every length around the
// 64-byte block boundaries, non-ASCII text, and tokens.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/simulator/sha256.js';

const reference = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('is the FIPS 180-4 digest of the known answers', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agrees with node:crypto for every length from 0 to 300, and for non-ASCII text', () => {
    for (let length = 0; length <= 300; length++) {
      const text = Array.from({ length }, (_, i) => String.fromCharCode(33 + ((i * 7 + length) % 90))).join('');
      expect(sha256Hex(text), `length ${length}`).toBe(reference(text));
    }
    for (const text of ['é', 'ghp_ünïcødé', '😀'.repeat(40), 'a'.repeat(1000)]) expect(sha256Hex(text)).toBe(reference(text));
  });

  it('agrees with node:crypto for random tokens', () => {
    for (let i = 0; i < 200; i++) {
      const token = `gho_${Buffer.from(crypto.getRandomValues(new Uint8Array(27)))
        .toString('base64')
        .replace(/[+/]/g, 'x')}`;
      expect(sha256Hex(token)).toBe(reference(token));
    }
  });
});
