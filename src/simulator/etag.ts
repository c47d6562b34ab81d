// Entity tags of answers: weak (`W/"…"`, as GitHub sends them), from two 32-bit hashes of the body
// (murmur-style, a word at a time): fast, and a change is never missed in practice. A list's tag
// is made from its items' hashes, each computed once with the item's JSON, so a page costs a few
// operations per item rather than one per byte.

/** The two 32-bit hashes of `bytes`. */
export function hashOf(bytes: Uint8Array): [number, number] {
  let a = 0x811c9dc5 ^ bytes.length;
  let b = 0x01000193;
  const words = bytes.length >>> 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < words; i++) {
    const word = view.getUint32(i * 4, true);
    a = Math.imul(a ^ word, 0x5bd1e995);
    a ^= a >>> 15;
    b = Math.imul(b ^ word, 0x27d4eb2d);
    b ^= b >>> 13;
  }
  for (let i = words * 4; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i]!, 0x5bd1e995);
    b = Math.imul(b ^ bytes[i]!, 0x27d4eb2d);
  }
  return [a, b];
}

const tagOf = ([a, b]: readonly [number, number]) => `W/"${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}"`;

/** A weak ETag from the body's bytes. */
export const etagOf = (bytes: Uint8Array): string => tagOf(hashOf(bytes));

/** A weak ETag for a JSON array from its items' hashes, in order (not the same as `etagOf` of the array's bytes). */
export function etagOfItems(items: ReadonlyArray<readonly [number, number]>): string {
  let a = 0x9e3779b9 ^ items.length;
  let b = 0x7f4a7c15;
  for (const [x, y] of items) {
    a = Math.imul(a ^ x, 0x5bd1e995);
    a ^= a >>> 15;
    b = Math.imul(b ^ y, 0x27d4eb2d);
    b ^= b >>> 13;
  }
  return tagOf([a, b]);
}

/** If-None-Match: `*`, or a list of entity tags compared weakly (RFC 9110 §13.1.2). */
export function matchesEtag(header: string, etag: string): boolean {
  const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || opaque(trimmed) === opaque(etag);
  });
}
