// Every component file of openapi/components/ is in the contract. Lint's no-unused-components sees
// only the components the root declares; a file that nothing references any more (an example taken
// out of its response, a schema no body uses) is not a component at all to the bundle, so it would
// drop out of the contract, its example constant and the mock's choices without a word.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, sourceFolder } from '../support/contract.js';

const kinds = readdirSync(join(sourceFolder, 'components'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('openapi/components/', () => {
  it('has the folders of the component kinds the contract uses', () => {
    expect(kinds).toEqual(['examples', 'headers', 'parameters', 'responses', 'schemas']);
  });

  it.each(kinds)('%s: every file is a component of the bundle, named after it', (kind) => {
    const files = readdirSync(join(sourceFolder, 'components', kind))
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => file.slice(0, -'.yaml'.length))
      .sort();
    expect(Object.keys(bundle.components[kind] ?? {}).sort()).toEqual(files);
  });
});
