// A bug's stack for the log: one line, file paths and line numbers only, bounded. Under plain Node
// the simulator core is imported as a `data:` URL (scripts/mock/load-simulator.js), which V8 puts
// in every stack frame: about 1.4 MB of bundle text per error. Each such URL is named instead.

/** The longest line logged for one error; the frames past it are counted, not printed. */
export const maxErrorLineLength = 2000;

const dataUrl = /data:[^\s()]*/g;

/**
 * `TypeError: x is not a function ← at reply (<bundled simulator>:1203:17) ← at …`, at most
 * `maxErrorLineLength` characters.
 * @param {unknown} error
 */
export function errorLine(error) {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  const lines = text.replace(dataUrl, '<bundled simulator>').split('\n').map((line) => line.trim()).filter(Boolean);
  let line = '';
  for (const [index, part] of lines.entries()) {
    const next = index === 0 ? part.slice(0, maxErrorLineLength / 2) : `${line} ← ${part}`;
    if (next.length > maxErrorLineLength - 40) return `${line} ← (${lines.length - index} more frames)`;
    line = next;
  }
  return line;
}
