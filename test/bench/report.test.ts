// `npm run bench` rewrites the tables of docs/benchmarks.md, between its markers, and nothing else.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockEnd, blockStart, replaceBlock } from '../../scripts/bench/report.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('replaceBlock', () => {
  it('replaces what is between the markers and keeps the rest byte for byte', () => {
    const page = `# Benchmarks\n\nprose\n\n${blockStart}\nold tables\n${blockEnd}\n\nafter\n`;
    expect(replaceBlock(page, 'new tables')).toBe(`# Benchmarks\n\nprose\n\n${blockStart}\nnew tables\n${blockEnd}\n\nafter\n`);
  });

  it.each([
    ['no markers', 'prose only\n', '0 start and 0 end markers'],
    ['two blocks', `${blockStart}\na\n${blockEnd}\n${blockStart}\nb\n${blockEnd}\n`, '2 start and 2 end markers'],
    ['the end before the start', `${blockEnd}\n${blockStart}\n`, '1 start and 1 end markers'],
  ])('refuses a page with %s, naming what it found', (_, page, found) => {
    expect(() => replaceBlock(page, 'tables')).toThrow(found);
  });
});

describe('the pages', () => {
  it('docs/benchmarks.md holds the one block npm run bench writes', () => {
    const page = read('docs/benchmarks.md');
    expect(() => replaceBlock(page, 'tables')).not.toThrow();
  });

  it('the README holds no benchmark table: npm run bench never writes it', () => {
    expect(read('README.md')).not.toContain(blockStart);
  });
});
