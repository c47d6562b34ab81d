// Adding an operation is one edit and one command: in a scratch copy of the repository, an eleventh
// operation with a schema and an example of its own is added to openapi/ (and nothing else is
// edited), `npm run build` regenerates generated/, and the type-check and `npm test` (all but the
// robustness project)
// pass (the simulator serves the new operation from its example until it has a rule), with the new
// client function and validators in them. Slow (a build, a type-check and `npm test` in processes
// of their own, minutes): `npm run test:slow`.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** What is not copied: installed packages (linked instead), git's data, and outputs. */
const notCopied = new Set(['node_modules', '.git', 'dist', 'test-results', '.vitest-cache']);

const newOperation = {
  'openapi/paths/applications_grants_{grant_id}_usage.yaml': `parameters:
  - $ref: ../components/parameters/grant-id.yaml
  - $ref: ../components/parameters/x-github-otp.yaml
  - $ref: ../components/parameters/x-github-api-version.yaml
get:
  operationId: oauth-authorizations/get-grant-usage
  tags: [grants]
  summary: Get the usage of a grant
  deprecated: true
  description: |
    > **Closing down:** this API is deprecated and was scheduled for removal on 2020-11-13.
    > Create tokens with the [OAuth web application flow](https://docs.github.com/enterprise-server@3.16/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#web-application-flow) instead.

    When the application's tokens were last used, and how many requests they made.
  responses:
    '200':
      description: OK.
      content:
        application/json:
          schema:
            $ref: ../components/schemas/grant-usage.yaml
          examples:
            get-grant-usage-200:
              $ref: ../components/examples/get-grant-usage-200.yaml
    '401':
      $ref: ../components/responses/requires-authentication.yaml
    '403':
      $ref: ../components/responses/forbidden.yaml
    '404':
      $ref: ../components/responses/not-found.yaml
`,
  'openapi/components/schemas/grant-usage.yaml': `title: Grant usage
description: When an application's tokens were last used, and how many requests they made.
type: object
properties:
  last_used_at:
    description: When a token of the application was last used, or null when none was.
    type: [string, 'null']
    format: date-time
  request_count:
    description: How many requests the application's tokens made.
    type: integer
required: [last_used_at, request_count]
`,
  'openapi/components/examples/get-grant-usage-200.yaml': `summary: Tokens used 42 times
value:
  last_used_at: '2011-09-06T17:26:27Z'
  request_count: 42
`,
};

let scratch: string;
let repo: string;

/** Runs a command in the scratch copy; resolves with its exit code and output, never rejects. */
function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  // Not the environment of the vitest running this file: the inner one must start afresh.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS' && name !== 'TEST'));
  return new Promise((done) => {
    execFile(command, args, { cwd: repo, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}${stderr}` });
    });
  });
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'ghes-oauth-add-operation-'));
  repo = join(scratch, 'repo');
  await mkdir(repo);
  await cp(root, repo, { recursive: true, filter: (source) => !notCopied.has(source.slice(root.length).split('/')[0] ?? '') });
  await symlink(join(root, 'node_modules'), join(repo, 'node_modules'));
  // The seed tests find the docs pages beside the repository, as in a worktree.
  const seeds = resolve(root, '../shared');
  if (existsSync(seeds)) await symlink(seeds, join(scratch, 'shared'));

  for (const [file, text] of Object.entries(newOperation)) await writeFile(join(repo, file), text);
  const rootFile = join(repo, 'openapi/openapi.yaml');
  const contract = await readFile(rootFile, 'utf8');
  const grantPath = '  /applications/grants/{grant_id}:\n    $ref: paths/applications_grants_{grant_id}.yaml\n';
  if (!contract.includes(grantPath)) throw new Error('openapi/openapi.yaml no longer lists /applications/grants/{grant_id}: update this test');
  await writeFile(rootFile, contract.replace(grantPath, `${grantPath}  /applications/grants/{grant_id}/usage:\n    $ref: paths/applications_grants_{grant_id}_usage.yaml\n`));
}, 120_000);

afterAll(() => (scratch ? rm(scratch, { recursive: true, force: true }) : undefined));

describe('an eleventh operation, added to openapi/ alone', { timeout: 900_000 }, () => {
  it('npm run build regenerates generated/ with its function, types, validators and example', async () => {
    const { code, output } = await run('npm', ['run', 'build']);
    expect(output).not.toMatch(/error|warning/i);
    expect(code, output).toBe(0);
    const generated = (file: string) => readFile(join(repo, 'generated', file), 'utf8');
    expect(await generated('operations.ts')).toContain('  getGrantUsage: { method: "get", path: "/applications/grants/{grant_id}/usage" },\n');
    expect(await generated('schema.ts')).toContain("export type GrantUsage = components['schemas']['grant-usage'];");
    expect(await generated('guards.ts')).toContain("export const isGrantUsage: Guard<GrantUsage> = guard('grant-usage');");
    expect(await generated('guards.ts')).toContain("export const assertGrantUsage: Assertion<GrantUsage> = assertion('grant-usage');");
    expect(await generated('examples.ts')).toContain('export const getGrantUsage200 = {');
  });

  it('the type-check passes', async () => {
    const { code, output } = await run('npm', ['run', 'typecheck']);
    expect(code, output).toBe(0);
  });

  it('npm test passes (every project but robustness: mock and MSW tests included), and tests the new operation and schema', async () => {
    const report = join(scratch, 'report.json');
    // Every project that meets an operation: the contract, client, validators, simulator, mock and
    // MSW tests. Not the robustness project: its hostile connections know no operation, and its
    // flood cases, run inside this already loaded slow suite, are what flaked here.
    const projects = ['default', 'globals', 'mock'].flatMap((name) => ['--project', name]);
    const { code, output } = await run('npm', ['test', '--', ...projects, '--reporter=json', `--outputFile=${report}`]);
    const results: {
      numFailedTests: number;
      testResults: Array<{ name: string; message?: string; assertionResults: Array<{ fullName: string; status: string; failureMessages?: string[] }> }>;
    } = JSON.parse(await readFile(report, 'utf8').catch(() => '{"numFailedTests":-1,"testResults":[]}'));
    // What failed, by name and first line of its failure, so a red run says why.
    const failed = results.testResults.flatMap(({ name, message, assertionResults }) => [
      ...(message ? [`${name}: ${message.split('\n')[0]}`] : []),
      ...assertionResults.filter(({ status }) => status === 'failed').map(({ fullName, failureMessages = [] }) => `${fullName}: ${(failureMessages[0] ?? '').split('\n')[0]}`),
    ]);
    // The one failure a made-up operation must cause: GitHub's GHES descriptions do not have it, and
    // the releases test (test/server-truth/releases.test.ts) says so for each release. A real new
    // operation comes from GitHub's pages and is in its descriptions too.
    const notGitHubs = failed.filter((name) => /^GHES 3\.\d+, as GitHub describes it /.test(name));
    expect(failed.filter((name) => !notGitHubs.includes(name))).toEqual([]);
    expect(notGitHubs).toHaveLength(6);
    expect(code, output.slice(-5000)).toBe(notGitHubs.length > 0 ? 1 : 0);
    expect(results.numFailedTests).toBe(notGitHubs.length);
    const passed = results.testResults.flatMap(({ assertionResults }) => assertionResults.filter(({ status }) => status === 'passed').map(({ fullName }) => fullName));
    const about = (text: string) => passed.filter((name) => name.includes(text));
    // The new operation went through the generic cases of the contract and client tests …
    expect(about("'oauth-authorizations/get-grant-usage'").length).toBeGreaterThanOrEqual(6);
    expect(about("'getGrantUsage' sends 'get' '/applications/grants/{grant_id}/usage'")).toHaveLength(1);
    expect(about("'get-grant-usage-200' is a valid")).toHaveLength(1);
    // … and its schema through those of the contract and validator tests.
    expect(about('grant-usage accepts its full valid payload')).toHaveLength(1);
    expect(about('grant-usage rejects a payload without request_count')).toHaveLength(1);
    expect(about('is* and assert* check grant-usage')).toHaveLength(1);
    expect(about('get-grant-usage-200 has the contract’s value and passes its validator')).toHaveLength(1);
  });
});
