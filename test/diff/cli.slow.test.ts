// The `npm run diff` command line: its two outputs, its exit codes, and its refusal of bad input.
import { afterAll, describe, expect, it } from 'vitest';
import { contract, op, placed, run, scratchFolder, sorted, type Report } from './helpers.js';

const scratch = scratchFolder();
afterAll(scratch.cleanup);

const diffCli = (...args: string[]) => run('scripts/tools/diff-contract.js', args);

// One breaking and one non-breaking change, in two different operations.
const old = scratch.write(contract(), 'old.json');
const changed = contract();
delete changed.components.schemas['application-grant'].properties.user;
changed.paths['/authorizations'].post.summary = 'Create an authorization';
const next = scratch.write(changed, 'new.json');

describe('npm run diff -- <old> <new> --json', { timeout: 60_000 }, () => {
  it('prints { old, new, breaking, nonBreaking }, each item { rule, operation, operationId, location, message }, and exits 1', async () => {
    const { code, stdout, stderr } = await diffCli(old, next, '--json');
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['old', 'new', 'breaking', 'nonBreaking']);
    expect(report).toMatchObject({ old, new: next });
    for (const item of [...report.breaking, ...report.nonBreaking]) {
      expect(Object.keys(item)).toEqual(['rule', 'operation', 'operationId', 'location', 'message']);
      for (const field of ['rule', 'operation', 'location', 'message']) expect(typeof item[field]).toBe('string');
    }
    expect(report.breaking).toEqual(
      [op.listGrants, op.getGrant].map((operation) => ({
        rule: 'property-removed',
        operation,
        operationId: operation === op.listGrants ? 'oauth-authorizations/list-grants' : 'oauth-authorizations/get-grant',
        location: `responses/200/content/application/json/schema/${operation === op.listGrants ? 'items/' : ''}properties/user`,
        message: 'Property `user` was removed.',
      })),
    );
    expect(report.nonBreaking).toEqual([
      {
        rule: 'summary-changed',
        operation: op.createAuthorization,
        operationId: 'oauth-authorizations/create-authorization',
        location: 'summary',
        message: '`summary` changed from "Create a new authorization" to "Create an authorization".',
      },
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('exits 0 with empty lists for two equal contracts', async () => {
    const { code, stdout } = await diffCli(old, old, '--json');
    expect(JSON.parse(stdout)).toMatchObject({ breaking: [], nonBreaking: [] });
    expect(code).toBe(0);
  });
});

describe('npm run diff -- <old> <new>, for a person', { timeout: 60_000 }, () => {
  it('groups the changes under each operation, breaking ones first', async () => {
    const { code, stdout } = await diffCli(old, next);
    const lines = stdout.split('\n');
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    expect(lines[0]).toBe(`Comparing ${old} → ${next}`);
    expect(at('Breaking changes (2):')).toBeGreaterThan(0);
    expect(at('GET /applications/grants  (oauth-authorizations/list-grants)')).toBeGreaterThan(at('Breaking changes'));
    expect(at('GET /applications/grants/{grant_id}  (oauth-authorizations/get-grant)')).toBeGreaterThan(at('Breaking changes'));
    expect(at('✖ property-removed  at responses/200/content/application/json/schema/items/properties/user')).toBeGreaterThan(at('GET /applications/grants  ('));
    expect(at('Non-breaking changes (1):')).toBeGreaterThan(at('GET /applications/grants/{grant_id}'));
    expect(at('POST /authorizations  (oauth-authorizations/create-authorization)')).toBeGreaterThan(at('Non-breaking changes'));
    expect(lines.at(-2)).toBe('2 breaking, 1 non-breaking.');
    expect(code).toBe(1);
  });

  it('says so when nothing changed, and exits 0', async () => {
    const { code, stdout } = await diffCli(old, old);
    expect(stdout).toContain('No changes.');
    expect(code).toBe(0);
  });

  it('compares with generated/openapi.json when <new> is left out', async () => {
    const [implicit, explicit, text] = await Promise.all([diffCli(next, '--json'), diffCli(next, 'generated/openapi.json', '--json'), diffCli(next)]);
    const report: Report = JSON.parse(implicit.stdout);
    // The same report as naming the bundle, and it says which file it compared with.
    expect(report).toEqual(JSON.parse(explicit.stdout));
    expect(report.new).toBe('generated/openapi.json');
    expect(text.stdout.split('\n')[0]).toBe(`Comparing ${next} → generated/openapi.json`);
    // From `next` back to the real contract: user comes back (an addition), the summary changes back.
    expect(report.breaking).toEqual([]);
    expect(sorted(report.nonBreaking.map(placed))).toEqual(
      sorted([
        { rule: 'property-added', operation: op.listGrants, location: 'responses/200/content/application/json/schema/items/properties/user' },
        { rule: 'property-added', operation: op.getGrant, location: 'responses/200/content/application/json/schema/properties/user' },
        { rule: 'summary-changed', operation: op.createAuthorization, location: 'summary' },
      ]),
    );
    expect([implicit.code, text.code]).toEqual([0, 0]);
  });
});

describe('npm run diff: bad input exits 2 with one line naming the problem', { timeout: 60_000 }, () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['a missing file', () => ['no/such/file.json', old], /^diff: no\/such\/file\.json: no such file$/],
    ['a folder', () => [scratch.folder, old], /: is a directory, not a file$/],
    ['a file that is not JSON', () => [scratch.write('{ "openapi": ', 'broken.json'), old], /broken\.json: not JSON \(/],
    ['JSON that is not an object', () => [scratch.write('[1, 2]', 'array.json'), old], /array\.json: not an OpenAPI 3\.x document \(the JSON is not an object\)$/],
    ['a Swagger 2.0 document', () => [old, scratch.write({ swagger: '2.0', info: {}, paths: {} }, 'swagger.json')], /swagger\.json: not an OpenAPI 3\.x document \(Swagger 2\.0\)$/],
    ['another JSON document', () => [scratch.write({ name: 'x' }, 'package.json'), old], /package\.json: not an OpenAPI 3\.x document \(no "openapi" field\)$/],
    ['OpenAPI 4', () => [scratch.write({ openapi: '4.0.0' }, 'v4.json'), old], /v4\.json: not an OpenAPI 3\.x document \("openapi": "4\.0\.0"\)$/],
    [
      'a $ref that points to nothing',
      () => {
        const dangling = contract();
        dangling.paths['/authorizations'].get.parameters[0] = { $ref: '#/components/parameters/nope' };
        return [old, scratch.write(dangling, 'dangling.json')];
      },
      /dangling\.json: \$ref "#\/components\/parameters\/nope" points to nothing$/,
    ],
    [
      'a $ref to another file (not bundled)',
      () => {
        const unbundled = contract();
        unbundled.paths['/authorizations'].get.parameters[0] = { $ref: 'parameters/page.yaml' };
        return [scratch.write(unbundled, 'unbundled.json'), old];
      },
      /unbundled\.json: \$ref "parameters\/page\.yaml" is not local; give the bundled contract \(npm run build\)$/,
    ],
    ['no file at all', () => [], /^diff: expected one or two contract files, got 0 \(usage: npm run diff -- /],
    ['three files', () => [old, old, old], /^diff: expected one or two contract files, got 3 /],
    ['an unknown option', () => [old, '--yaml'], /^diff: unknown option --yaml /],
  ];

  it.each(cases)('%s', async (_name, args, message) => {
    const { code, stdout, stderr } = await diffCli(...args());
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });
});
