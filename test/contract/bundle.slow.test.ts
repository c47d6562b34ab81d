// `npm run build` bundles in-process with @redocly/openapi-core 1.34 (scripts/build/bundle-contract.js),
// not with the pinned CLI (2.77) it lints with (docs/decisions.md says why). These tests hold it to
// the CLI on every file and example of the contract: the same bytes for both bundles, and an
// unresolvable $ref fails both. Each spawns the CLI: the time limit allows for a busy machine.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleContract } from '../../scripts/build/bundle-contract.js';
import { redocly } from '../../scripts/build/redocly.js';

const scratch = await mkdtemp(join(tmpdir(), 'ghes-oauth-bundle-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** How the build writes a bundle: parsed, then printed with two-space indentation. */
const asWritten = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

describe('the in-process bundle', { timeout: 60_000 }, () => {
  it("is byte for byte the pinned CLI's, with $refs and dereferenced", async () => {
    const cliBundle = join(scratch, 'openapi.json');
    const cliDereferenced = join(scratch, 'openapi.deref.json');
    await Promise.all([redocly(['bundle', 'openapi/openapi.yaml', '--output', cliBundle]), redocly(['bundle', 'openapi/openapi.yaml', '--dereferenced', '--output', cliDereferenced])]);
    const { bundled, dereferenced } = await bundleContract();
    expect(asWritten(bundled)).toBe(asWritten(JSON.parse(await readFile(cliBundle, 'utf8'))));
    expect(asWritten(dereferenced)).toBe(asWritten(JSON.parse(await readFile(cliDereferenced, 'utf8'))));
    // And it is what generated/ holds.
    expect(asWritten(bundled)).toBe(await readFile('generated/openapi.json', 'utf8'));
    expect(asWritten(dereferenced)).toBe(await readFile('generated/openapi.deref.json', 'utf8'));
  });

  it('fails on a $ref that points nowhere, naming it and where it is, as the CLI does', async () => {
    const copy = join(scratch, 'broken');
    await cp('openapi', join(copy, 'openapi'), { recursive: true });
    await cp('redocly.yaml', join(copy, 'redocly.yaml'));
    const file = join(copy, 'openapi/paths/authorizations.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('schemas/authorization.yaml', 'schemas/authorisation.yaml'));
    const root = join(copy, 'openapi/openapi.yaml');

    await expect(bundleContract({ root, configPath: join(copy, 'redocly.yaml') })).rejects.toThrow(
      /Can't resolve \$ref: .*authorisation\.yaml.* at .*openapi\/paths\/authorizations\.yaml#\/get\/responses\/200/,
    );
    await expect(redocly(['bundle', root, '--config', join(copy, 'redocly.yaml'), '--output', join(copy, 'out.json')])).rejects.toThrow(/Can't resolve \$ref/);
  });
});
