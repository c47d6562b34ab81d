// The docs page (2.5 MB) is read once and served from memory, so a hundred requests for it cost
// no more than one; it is read again when its file changes (a rebuild while the mock runs).
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { createDocsHandler } from '../../scripts/mock/docs.js';

let server: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('serves the page from memory while its file is unchanged, and reads it again once it changed', async () => {
  dir = await mkdtemp(join(tmpdir(), 'ghes-docs-cache-'));
  const file = join(dir, 'index.html');
  // Whole seconds: a time set with utimes reads back exactly (the file system keeps nanoseconds).
  const atime = new Date('2024-01-01T00:00:00Z');
  const mtime = new Date('2024-01-01T00:00:00Z');
  await writeFile(file, '<title>first</title>');
  await utimes(file, atime, mtime);
  server = createServer(createDocsHandler(pathToFileURL(file)));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/docs`;
  const page = async () => (await fetch(url)).text();

  expect(await page()).toBe('<title>first</title>');
  // New bytes of the same size under the old modification time: not read, the page in memory is served.
  await writeFile(file, '<title>secnd</title>');
  await utimes(file, atime, mtime);
  expect(await page()).toBe('<title>first</title>');
  // A new modification time: read again.
  await utimes(file, atime, new Date(mtime.getTime() + 1000));
  expect(await page()).toBe('<title>secnd</title>');
  // A new size with the same time: read again too.
  await writeFile(file, '<title>third, longer</title>');
  await utimes(file, atime, new Date(mtime.getTime() + 1000));
  expect(await page()).toBe('<title>third, longer</title>');
  // Gone: the 404 that says how to build it.
  await rm(file);
  expect((await fetch(url)).status).toBe(404);
});
