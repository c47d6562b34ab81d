// A bug's stack for the log: one line, file paths and line numbers only, bounded (a stack can be
// long, and a message can carry anything).

/** The longest line logged for one error; the frames past it are counted, not printed. */
export const maxErrorLineLength = 2000;

/** `TypeError: x is not a function ← at reply (…/src/simulator/index.ts:203:17) ← at …`, at most `maxErrorLineLength` characters. */
export function errorLine(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let line = '';
  for (const [index, part] of lines.entries()) {
    const next = index === 0 ? part.slice(0, maxErrorLineLength / 2) : `${line} ← ${part}`;
    if (next.length > maxErrorLineLength - 40) return `${line} ← (${lines.length - index} more frames)`;
    line = next;
  }
  return line;
}
