// What an editor shows: hover text and error messages, read through TypeScript's language service
// (the API editors use) on a file that uses the package as a consumer would.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const file = join(root, 'test/client/editor-consumer.ts');
const source = `import { createClient } from '../../src/index.js';
import type { Authorization } from '../../src/index.js';
const ghes = createClient({ baseUrl: 'https://ghes.example.com/api/v3', username: 'octocat', password: 'secret' });
export const created = ghes.createAuthorization({ body: { note: 'release script' } });
export const note = (authorization: Authorization) => authorization.url;
export const half = createClient({ baseUrl: 'https://ghes.example.com/api/v3', username: 'octocat' });
export const both = ghes.updateAuthorization({ params: { path: { authorization_id: 1 } }, body: { scopes: ['repo'], add_scopes: ['gist'] } });
export const link = (authorization: Authorization) => authorization.note_url;
`;

let service: ts.LanguageService;
beforeAll(() => {
  const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  // No @types/node: the consumer may be a browser app (and its 300 declaration files took 0.35 s).
  options.types = [];
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = name === file ? source : ts.sys.fileExists(name) ? readFileSync(name, 'utf8') : undefined;
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (settings) => ts.getDefaultLibFilePath(settings),
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? source : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  service = ts.createLanguageService(host);
});

/** The hover text at the first occurrence of `word` after `after`: the signature, the doc, and the tags as an editor lists them. */
function hover(word: string, after = '') {
  const position = source.indexOf(word, source.indexOf(after) + after.length);
  const info = service.getQuickInfoAtPosition(file, position)!;
  const text = (parts?: ts.SymbolDisplayPart[]) => ts.displayPartsToString(parts);
  return { signature: text(info.displayParts), doc: text(info.documentation), tags: (info.tags ?? []).map((tag) => `@${tag.name} ${text(tag.text)}`.trim()) };
}

describe('hover text', () => {
  it('a client function says why it is deprecated and what replaces it, with a link', () => {
    const { doc, tags } = hover('createAuthorization');
    expect(doc).toBe('Create a new authorization');
    expect(tags).toEqual([
      '@deprecated Closing down: this API is deprecated and was scheduled for removal on 2020-11-13. Create tokens with the [OAuth web application flow](https://docs.github.com/enterprise-server@3.16/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#web-application-flow) instead.',
    ]);
  });

  it('a schema type shows its description as its doc', () => {
    const { doc, tags } = hover('Authorization', 'import type { ');
    expect(doc).toBe('An OAuth token (or personal access token) and what it may do.\n\nSchema `authorization` (Authorization).');
    expect(tags).toEqual([]);
  });

  it('a property shows its description as its doc, not under a tag', () => {
    const { signature, doc, tags } = hover('url', 'authorization.');
    expect(signature).toBe('(property) url: string');
    expect(doc).toBe('The API URL of this authorization.\n\nFormat: uri');
    expect(tags.filter((tag) => tag.startsWith('@description'))).toEqual([]);
  });

  it('a field that had no description in the contract has one now (note_url)', () => {
    const { doc } = hover('note_url', 'authorization.');
    expect(doc).toBe('A link back to whatever uses the token, shown with the note; a URI, or empty when it was sent empty (GitHub stored it as it came); null when none was given.');
  });
});

describe('type errors', () => {
  const messages = () =>
    service.getSemanticDiagnostics(file).map(({ start, messageText }) => ({
      line: source.slice(0, start).split('\n').length,
      text: ts.flattenDiagnosticMessageText(messageText, '\n'),
    }));

  it('a username without a password names the missing password', () => {
    const [missing] = messages().filter(({ line }) => line === 6);
    expect(missing?.text).toContain("Property 'password' is missing in type '{ baseUrl: string; username: string; }' but required in type '{ username: string; password: string; }'.");
  });

  it('two scope keys in an update name the rule', () => {
    const [twoKeys] = messages().filter(({ line }) => line === 7);
    expect(twoKeys?.text).toContain("Type 'string[]' is not assignable to type 'OneOfScopesAddScopesRemoveScopes'.");
    expect(twoKeys?.text).toContain(`Type 'string[]' is not assignable to type '"Send only one of scopes, add_scopes, remove_scopes per update"'.`);
  });

  it('nothing else', () => {
    // Line 7 twice: one error on each of the two scope keys.
    expect(messages().map(({ line }) => line)).toEqual([6, 7, 7]);
  });
});
