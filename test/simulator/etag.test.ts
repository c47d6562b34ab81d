// A list's ETag from its items' hashes: the same items in the same order keep it; another item,
// another order, one more or one less item change it; and it has GitHub's weak, quoted form.
import { describe, expect, it } from 'vitest';
import { etagOf, etagOfItems, hashOf } from '../../src/simulator/etag.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const hashes = (...items: string[]) => items.map((item) => hashOf(bytes(item)));

describe('etagOfItems', () => {
  it('is a weak quoted tag, the same for the same items in the same order', () => {
    const tag = etagOfItems(hashes('{"id":1}', '{"id":2}'));
    expect(tag).toMatch(/^W\/"[0-9a-f]{16}"$/);
    expect(etagOfItems(hashes('{"id":1}', '{"id":2}'))).toBe(tag);
  });

  it('changes with any item, the order, and the number of items', () => {
    const tags = [
      etagOfItems(hashes('{"id":1}', '{"id":2}')),
      etagOfItems(hashes('{"id":1}', '{"id":3}')),
      etagOfItems(hashes('{"id":2}', '{"id":1}')),
      etagOfItems(hashes('{"id":1}')),
      etagOfItems(hashes('{"id":1}', '{"id":2}', '{"id":2}')),
      etagOfItems([]),
    ];
    expect(new Set(tags).size).toBe(tags.length);
    expect(new Set(Array.from({ length: 1000 }, (_, i) => etagOfItems(hashes(`{"id":${i}}`, '{"id":0}')))).size).toBe(1000);
  });

  it('hashOf is what etagOf formats', () => {
    const [a, b] = hashOf(bytes('{"id":1,"note":"a"}'));
    expect(etagOf(bytes('{"id":1,"note":"a"}'))).toBe(`W/"${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}"`);
  });
});
