// docs/decisions.md: every decision says when it was made, in its heading, so a reader can tell
// an old reason from a new one (dates as YYYY-MM-DD; a section that gathers several lists each).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const text = readFileSync(join(import.meta.dirname, '../../docs/decisions.md'), 'utf8');
const headings = [...text.matchAll(/^## (.+)$/gm)].map((match) => match[1]!);

describe('docs/decisions.md', () => {
  it('has decisions', () => {
    expect(headings.length).toBeGreaterThan(5);
  });

  it.each(headings)('"%s" is dated', (heading) => {
    const dates = /\((\d{4}-\d{2}-\d{2}(?:, \d{4}-\d{2}-\d{2})*)\)$/.exec(heading)?.[1]?.split(', ') ?? [];
    expect(dates, 'a heading ends with (YYYY-MM-DD)').not.toEqual([]);
    for (const date of dates) expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
  });
});
