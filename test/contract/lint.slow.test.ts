// The lint configuration is strict: it passes the contract with no problem at all, and fails a
// copy of it with a broken example or an unused component.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redocly } from '../../scripts/build/redocly.js';

const copies: string[] = [];
afterAll(() => Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Lints a copy of the contract after `change` edited it; resolves with [passed, report]. */
async function lintCopy(change: (dir: string) => Promise<void>): Promise<[boolean, string]> {
  const dir = await mkdtemp(join(tmpdir(), 'ghes-oauth-lint-'));
  copies.push(dir);
  await cp('openapi', join(dir, 'openapi'), { recursive: true });
  await cp('redocly.yaml', join(dir, 'redocly.yaml'));
  await change(dir);
  const lint = redocly(['lint', '--config', join(dir, 'redocly.yaml'), join(dir, 'openapi/openapi.yaml')]);
  return lint.then(
    (report) => [true, report],
    (error: Error) => [false, error.message],
  );
}

async function edit(file: string, from: string, to: string) {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  await writeFile(file, text.replace(from, to));
}

describe('lint', { timeout: 60_000 }, () => {
  it('passes the contract with no errors and no warnings', async () => {
    const [passed, report] = await lintCopy(async () => {});
    expect(passed).toBe(true);
    expect(report).not.toMatch(/warning|error/i);
  });

  it('fails an example whose value breaks its schema', async () => {
    const [passed, report] = await lintCopy((dir) => edit(join(dir, 'openapi/components/examples/get-grant-200.yaml'), 'id: 1', 'id: one'));
    expect(passed).toBe(false);
    expect(report).toMatch(/no-invalid-media-type-examples/);
  });

  it('fails an example with a field its schema does not have', async () => {
    const [passed, report] = await lintCopy((dir) => edit(join(dir, 'openapi/components/examples/create-authorization-request.yaml'), 'value:\n', 'value:\n  tokn: typo\n'));
    expect(passed).toBe(false);
    expect(report).toMatch(/tokn/);
  });

  it('fails a component nothing uses', async () => {
    const [passed, report] = await lintCopy((dir) => edit(join(dir, 'openapi/openapi.yaml'), 'components:\n', 'components:\n  schemas:\n    orphan:\n      type: string\n'));
    expect(passed).toBe(false);
    expect(report).toMatch(/no-unused-components/);
  });

  it('fails a property without a description', async () => {
    const [passed, report] = await lintCopy((dir) =>
      edit(
        join(dir, 'openapi/components/schemas/authorization.yaml'),
        '    description: A link back to whatever uses the token, shown with the note; a URI, or empty when it was sent empty (GitHub stored it as it came); null when none was given.\n',
        '',
      ),
    );
    expect(passed).toBe(false);
    expect(report).toMatch(/rule\/property-description[\s\S]*note_url|note_url[\s\S]*rule\/property-description/);
  });
});
