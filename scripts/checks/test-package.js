// The consumer check: packs the package, installs the tarball into a fresh project outside the
// repository, type-checks a consumer that uses every export (NodeNext and Bundler resolution, with
// TypeScript 5.9 and 7), runs it against the mock (npm start, the bin, and ./server's startMock), lints the package (attw, publint), and holds
// the sizes to a budget.
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, posix, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';

// Budgets, in bytes: raise one only with a reason in the commit message.
const budgets = { tarball: 330_000, clientMinGzip: 5_400, mswMinGzip: 44_000 };

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../..');
const bin = (path) => join(repo, 'node_modules', path);
// What a frontend's project adds beside the package to test with MSW: the versions this repository tests.
const devDependencies = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')).devDependencies;
const withMsw = ['msw', 'openapi-msw', 'vitest'].map((name) => `${name}@${devDependencies[name]}`);
// The msw 3 the consumer check also runs on Node 22.12 and later (the peer range names both).
const msw3 = '3.0.5';
const compilers = { 'TypeScript 5.9': bin('typescript/bin/tsc'), 'TypeScript 7': bin('typescript7/bin/tsc') };

async function step(name, action) {
  const started = Date.now();
  try {
    const detail = await action();
    console.log(`ok   ${name}${detail ? `: ${detail}` : ''} (${Date.now() - started} ms)`);
  } catch (error) {
    console.error(`FAIL ${name}\n${[error.stdout, error.stderr, error.message].filter(Boolean).join('\n').trim()}`);
    process.exitCode = 1;
    throw error;
  }
}

const work = await mkdtemp(join(tmpdir(), 'ghes-oauth-consumer-'));
const consumer = join(work, 'consumer');
const installed = join(consumer, 'node_modules', 'ghes-oauth-authorizations');
let tarball;
try {
  await step('npm pack', async () => {
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo, maxBuffer: 1 << 26 });
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('[')));
    tarball = join(work, packed.filename);
    return `${packed.filename}, ${packed.entryCount} files`;
  });

  await step('install the tarball into a fresh project, with msw', async () => {
    await cp(join(repo, 'test/package/consumer'), consumer, { recursive: true });
    await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', tarball, ...withMsw], { cwd: consumer });
    return `${consumer}, ${withMsw.join(', ')}`;
  });

  await step("the shipped code imports nothing but openapi-fetch (msw in the ./msw entry alone, Node's modules in the bin's server alone)", async () => {
    const files = (await readdir(join(installed, 'dist'), { recursive: true })).filter((file) => file.endsWith('.js'));
    const specifiers = new Set();
    const stray = [];
    for (const file of files) {
      const code = await readFile(join(installed, 'dist', file), 'utf8');
      // `… from 'x'`, `import 'x'` and `import('x')` (not the end of a string such as 'import').
      for (const [, from, bare] of code.matchAll(/\bfrom\s*['"]([^'"]+)['"]|(?<!['"])\bimport\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const specifier = from ?? bare;
        if (specifier.startsWith('.')) continue;
        specifiers.add(specifier);
        // msw is an optional peer dependency: only the ./msw entry may import it; Node's own modules
        // only the bin and its HTTP server (dist/src/server/).
        const allowed = specifier === 'openapi-fetch' || (specifier === 'msw' && file === 'src/msw.js') || (specifier.startsWith('node:') && file.startsWith('src/server/'));
        if (!allowed) stray.push(`${specifier} (dist/${file})`);
      }
    }
    if (stray.length) throw new Error(`dist/ imports ${stray.join(', ')}, which the package does not depend on`);
    const { dependencies } = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    if (Object.keys(dependencies).join() !== 'openapi-fetch') throw new Error(`runtime dependencies: ${Object.keys(dependencies).join(', ')}`);
    return `${files.length} files, imports: ${[...specifiers].join(', ')}`;
  });

  for (const [compiler, tsc] of Object.entries(compilers)) {
    for (const resolution of ['nodenext', 'bundler']) {
      await step(`type-check the consumer with ${compiler}, ${resolution} resolution`, () =>
        run(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`, ...(resolution === 'nodenext' && compiler === 'TypeScript 5.9' ? [] : ['--noEmit'])], { cwd: consumer }).then(() => ''),
      );
    }
  }

  const consumerFlow = async (url) => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `const { main } = await import('./out/index.js'); console.log(JSON.stringify(await main('${url}')));`], {
      cwd: consumer,
    });
    const lines = JSON.parse(stdout);
    const expected = [
      'listGrants 1',
      'getGrant 200',
      'deleteGrant 204',
      'listAuthorizations 1',
      'createAuthorization 201',
      // Both get-or-creates create: the app's grant, and with it its authorizations, was deleted above.
      'getOrCreateAuthorizationForApp 201',
      'getOrCreateAuthorizationForAppAndFingerprint 201',
      'getAuthorization 200',
      'updateAuthorization 200',
      'deleteAuthorization 204',
      '422 client_secret',
      'examples 1,1',
      'contract 3.1.0 2 next',
      'conformance wrong-password 0',
    ];
    if (JSON.stringify(lines) !== JSON.stringify(expected)) throw new Error(`the consumer saw:\n${lines.join('\n')}\nexpected:\n${expected.join('\n')}`);
    return `${lines.length} checks`;
  };

  await step('run the consumer against the mock: all ten operations, responses validated', () =>
    withMock((port) => spawn(process.execPath, ['--import', 'tsx', 'scripts/mock/start.js'], { cwd: repo, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' } }), consumerFlow),
  );

  await step("the same against the package's bin (node_modules/.bin/ghes-oauth-authorizations mock --port …)", () =>
    withMock(
      (port) => spawn(join(consumer, 'node_modules/.bin/ghes-oauth-authorizations'), ['mock', '--port', String(port)], { cwd: consumer, env: { ...process.env, PORT: '', HOST: '' } }),
      consumerFlow,
    ),
  );

  await step("the packed Markdown's relative links resolve inside the package (README, CHANGELOG, the guides)", async () => {
    const files = new Set((await readdir(installed, { recursive: true })).map((file) => file.split('\\').join('/')));
    const pages = [...files].filter((file) => file.endsWith('.md') && !file.startsWith('node_modules/'));
    const broken = [];
    let links = 0;
    for (const page of pages) {
      const text = await readFile(join(installed, page), 'utf8');
      // Inline links and images: [text](target); absolute URLs and same-page anchors need no file.
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][a-z+.-]*:/i.test(target) || target.startsWith('#')) continue;
        links++;
        const path = posix.normalize(posix.join(posix.dirname(page), target.split('#')[0]));
        if (!files.has(path)) broken.push(`${page}: ${target}`);
      }
    }
    if (broken.length) throw new Error(`links to files the package does not hold:\n${broken.join('\n')}`);
    return `${links} links in ${pages.length} files`;
  });

  await step("the README's install commands and client snippet, run against the mock", async () => {
    const readme = await readFile(join(installed, 'README.md'), 'utf8');
    // The commands this check ran above (npm pack, then npm install of the tarball) are the README's.
    const install = /#### Install before it is in the registry[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const { version } = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8'));
    for (const command of ['npm ci && npm pack', `npm install ../ghes-oauth-authorizations/ghes-oauth-authorizations-${version}.tgz`]) {
      if (!install.includes(command)) throw new Error(`the README's install block does not say \`${command}\`:\n${install}`);
    }
    if (basename(tarball) !== `ghes-oauth-authorizations-${version}.tgz`) throw new Error(`npm pack wrote ${basename(tarball)}, not the file the README names`);
    // The first TypeScript block under "TypeScript consumer", with the user's prompt answered and the mock for the server.
    const snippet = /### TypeScript consumer[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    if (!snippet?.includes("'https://ghes.example.com/api/v3'")) throw new Error('no client snippet with the example baseUrl in the README');
    // The consumer's project has no @types/node: `process` is declared for the type-check alone.
    const prelude = [
      'declare const process: { env: Record<string, string | undefined> };',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source written into the consumer's file, template literal and all.
      'const askTheUser = async (question: string): Promise<string> => { throw new Error(`not asked in this check: ${question}`); };',
      '',
    ].join('\n');
    return withMock(
      (port) => spawn(join(consumer, 'node_modules/.bin/ghes-oauth-authorizations'), ['mock', '--port', String(port)], { cwd: consumer, env: { ...process.env, PORT: '', HOST: '' } }),
      async (url) => {
        // The README declares the app's prompt (askTheUser); the check gives it a body instead.
        const runnable = snippet.replace(/^declare function askTheUser\(.*$/m, '').replace("'https://ghes.example.com/api/v3'", JSON.stringify(`${url}/api/v3`));
        await writeFile(join(consumer, 'readme-snippet.ts'), prelude + runnable);
        await writeFile(join(consumer, 'tsconfig.readme.json'), JSON.stringify({ extends: './tsconfig.nodenext.json', compilerOptions: { noEmit: true }, files: ['readme-snippet.ts'] }));
        await run(process.execPath, [compilers['TypeScript 7'], '-p', 'tsconfig.readme.json'], { cwd: consumer });
        const { code } = await transform(await readFile(join(consumer, 'readme-snippet.ts'), 'utf8'), { loader: 'ts', format: 'esm' });
        await writeFile(join(consumer, 'readme-snippet.mjs'), code);
        const { stdout } = await run(process.execPath, ['readme-snippet.mjs'], { cwd: consumer, env: { ...process.env, GHES_PASSWORD: 'secret' } });
        // console.log(status, data.token, isAuthorization(data)): 201, the new token, true.
        if (!/^201 \S+ true\n$/.test(stdout)) throw new Error(`the README's snippet printed ${JSON.stringify(stdout)}, not "201 <token> true"`);
        return `printed ${stdout.trim().replace(/ \S+ /, ' <token> ')}`;
      },
    );
  });

  await step("ghes-oauth-authorizations/server: startMock in the consumer's process, the ten operations, a seed, a frozen clock, a full reset", async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `const { serverMain } = await import('./out/server.js'); console.log(JSON.stringify(await serverMain()));`], {
      cwd: consumer,
    });
    const lines = JSON.parse(stdout);
    const expected = ['seeded true', 'clock 2026-01-01T00:01:00.000Z', 'otp 401'];
    // main's own lines (its checks of the ten operations, which the first consumer step holds), then these three.
    if (lines.length <= expected.length || JSON.stringify(lines.slice(-3)) !== JSON.stringify(expected))
      throw new Error(`the consumer saw:\n${lines.join('\n')}\nexpected main's lines, then:\n${expected.join('\n')}`);
    return `${lines.length} checks`;
  });

  const runMswSpec = async () => {
    const { stdout } = await run(process.execPath, [join(consumer, 'node_modules/vitest/vitest.mjs'), 'run', 'msw-handlers.spec.ts'], { cwd: consumer, env: { ...process.env, CI: 'true' } });
    const passed = /Tests\s+(\d+) passed/.exec(stdout.replace(/\x1b\[[\d;]*m/g, ''));
    if (!passed) throw new Error(`vitest did not say its tests passed:\n${stdout}`);
    return `${passed[1]} tests passed`;
  };
  await step(`a vitest file runs setupServer(...createHandlers({ baseUrl })) with the client (msw ${devDependencies.msw})`, runMswSpec);

  // msw 3 needs Node 22.12 (its interceptors call Promise.withResolvers): where this Node has it,
  // the same file and the type-check again with msw 3. openapi-msw 2.0 names msw 2 as its peer,
  // hence --legacy-peer-deps.
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) {
    await step(`the same with msw ${msw3} on Node ${process.versions.node}, type-checked with TypeScript 7`, async () => {
      await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', '--legacy-peer-deps', `msw@${msw3}`], { cwd: consumer });
      await run(process.execPath, [compilers['TypeScript 7'], '-p', 'tsconfig.bundler.json', '--noEmit'], { cwd: consumer });
      return runMswSpec();
    });
  }

  await step('are the types wrong (attw)', async () => {
    // ESM only, by design; ./openapi.yaml is a data file, not a module attw could resolve (docs/testing.md).
    const options = ['--profile', 'esm-only', '--exclude-entrypoints', 'openapi.yaml', '--format', 'ascii'];
    // attw exits non-zero on any problem in the resolutions it checks.
    await run(process.execPath, [bin('@arethetypeswrong/cli/dist/index.js'), tarball, ...options], { cwd: work });
    return 'no problems with node16 (ESM) or bundler resolution';
  });

  await step('publint', async () => {
    const { stdout } = await run(process.execPath, [bin('publint/src/cli.js'), '--strict', installed], { cwd: work });
    return stdout.trim().split('\n').at(-1);
  });

  await step('size budget', async () => {
    const tarballBytes = (await stat(tarball)).size;
    const { outputFiles } = await build({
      entryPoints: [join(installed, 'dist/src/index.js')],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
    });
    const clientBytes = gzipSync(outputFiles[0].contents, { level: 9 }).length;
    // The ./msw entry as a frontend's test bundle gets it: the simulator and the client's contract, msw itself not counted.
    const msw = await build({ entryPoints: [join(installed, 'dist/src/msw.js')], bundle: true, minify: true, format: 'esm', platform: 'browser', external: ['msw'], write: false });
    const mswBytes = gzipSync(msw.outputFiles[0].contents, { level: 9 }).length;
    const over = [
      tarballBytes > budgets.tarball && `packed tarball ${tarballBytes} B > ${budgets.tarball} B`,
      clientBytes > budgets.clientMinGzip && `client min+gzip ${clientBytes} B > ${budgets.clientMinGzip} B`,
      mswBytes > budgets.mswMinGzip && `./msw min+gzip ${mswBytes} B > ${budgets.mswMinGzip} B`,
    ].filter(Boolean);
    if (over.length) throw new Error(`over budget: ${over.join('; ')}`);
    return `packed tarball ${tarballBytes} B (budget ${budgets.tarball}), client min+gzip ${clientBytes} B (budget ${budgets.clientMinGzip}), ./msw min+gzip without msw ${mswBytes} B (budget ${budgets.mswMinGzip})`;
  });
} catch {
  // step() has reported it.
} finally {
  await rm(work, { recursive: true, force: true });
}

/** Runs `use(url)` with a mock `start(port)` starts on a free port; stops it after. */
async function withMock(start, use) {
  const port = await new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
  const mock = start(port);
  let output = '';
  mock.stdout.on('data', (chunk) => (output += chunk));
  mock.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => mock.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  try {
    // Ready when it answers anything; give up after 20 s or when it exits.
    for (const deadline = Date.now() + 20_000; ; ) {
      if (mock.exitCode !== null) throw new Error(`the mock exited:\n${output}`);
      if (
        await fetch(url).then(
          () => true,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) throw new Error(`the mock did not answer within 20 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return await use(url);
  } finally {
    mock.kill('SIGTERM');
    await exited;
  }
}
