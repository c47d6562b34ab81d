// Every named example is valid against the schema of the body it illustrates.
import { describe, expect, it } from 'vitest';
import { bundle, errorsFor } from '../support/contract.js';
import { mediaTypes } from '../support/media-types.js';

const cases = mediaTypes.flatMap((media) => Object.entries(media.examples).map(([name, value]) => ({ name, where: media.where, pointer: media.schemaPointer, value })));

describe('named examples', () => {
  it('every body with content has at least one example', () => {
    expect(mediaTypes.filter((media) => Object.keys(media.examples).length === 0).map((m) => m.where)).toEqual([]);
  });

  it('every example component is used by some body', () => {
    const used = new Set(cases.map((c) => c.name));
    expect(Object.keys(bundle.components.examples).filter((name) => !used.has(name))).toEqual([]);
  });

  it.each(cases)('$name is a valid $where body', ({ pointer, value }) => {
    expect(errorsFor(pointer, value)).toEqual([]);
  });

  it('offers both 200 and 201 for the get-or-create operations', () => {
    for (const operation of ['get-or-create-authorization-for-app', 'get-or-create-authorization-for-app-and-fingerprint']) {
      for (const status of ['200', '201']) {
        const media = mediaTypes.find((m) => m.where === `oauth-authorizations/${operation} ${status}`);
        expect(Object.keys(media?.examples ?? {}), `${operation} ${status}`).not.toHaveLength(0);
      }
    }
  });
});
