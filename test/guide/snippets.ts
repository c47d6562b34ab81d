// The TypeScript snippets of README.md and docs/*.md, as files a type-checker can take: each
// ```ts block becomes a module, named by its first line when that names a file (`// vitest.setup.ts`,
// `// src/ghes.ts`), so that the guide's imports between its files resolve. A block after
// `<!-- snippet: pending <reason> -->` is not checked (yet), and says why.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Snippet {
  /** e.g. docs/frontend-testing.md */
  page: string;
  /** The line of the page where the code starts (after the fence). */
  line: number;
  /** The file it becomes, relative to its folder: vitest.setup.ts, src/ghes.ts, snippet-42.ts. */
  file: string;
  code: string;
  /** Why it is not checked, when marked so. */
  pending?: string;
}

export function guidePages(root: string): string[] {
  return [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => `docs/${name}`),
  ];
}

export function snippetsOf(root: string, page: string): Snippet[] {
  const lines = readFileSync(join(root, page), 'utf8').split('\n');
  const snippets: Snippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[index]!)) continue;
    const start = index + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    const code = lines.slice(start, end).join('\n');
    let before = index - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    const pending = before >= 0 ? /^<!-- snippet: pending (.+) -->$/.exec(lines[before]!.trim())?.[1] : undefined;
    const named = /^\/\/ ([\w./-]+\.ts)\b/.exec(lines[start] ?? '')?.[1];
    snippets.push({ page, line: start + 1, file: named ?? `snippet-${start + 1}.ts`, code, ...(pending !== undefined && { pending }) });
    index = end;
  }
  return snippets;
}

/**
 * Where each snippet goes: `<page>/<variant>/<file>`. A page that shows two versions of one file
 * (two `vitest.setup.ts`) gets a variant folder for each; a snippet goes in the first folder where
 * its name is free.
 */
export function layOut(snippets: readonly Snippet[]): Array<{ path: string; snippet: Snippet }> {
  const folders = new Map<string, Array<Set<string>>>();
  return snippets.map((snippet) => {
    const variants = folders.get(snippet.page) ?? [];
    folders.set(snippet.page, variants);
    let variant = variants.findIndex((names) => !names.has(snippet.file));
    if (variant < 0) variant = variants.push(new Set()) - 1;
    variants[variant]!.add(snippet.file);
    return { path: `${snippet.page.replace(/[/.]/g, '_')}/${variant}/${snippet.file}`, snippet };
  });
}

/** `ghes-oauth-authorizations[/entry]` → the source file each export's types are built from. */
export function packagePaths(root: string): Record<string, string[]> {
  const { name, exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; exports: Record<string, string | { types: string }> };
  const paths: Record<string, string[]> = {};
  for (const [entry, target] of Object.entries(exports)) {
    const specifier = entry === '.' ? name : `${name}/${entry.slice(2)}`;
    const file = typeof target === 'string' ? target : target.types.replace(/^\.\/dist\//, './').replace(/\.d\.ts$/, '.ts');
    paths[specifier] = [join(root, file)];
  }
  return paths;
}
