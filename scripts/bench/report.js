// The benchmarks' results as text: a table per comparison for the terminal, and the tables of
// docs/benchmarks.md (Markdown) with the machine they ran on.

/** A cell as people read it: ratios as `2.31×`, counts with thousands separators, the rest to two decimals. */
function cell(value, column) {
  if (typeof value !== 'number') return String(value);
  if (/[×÷]/.test(column)) return `${value.toFixed(2)}×`;
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toFixed(2);
}

const cells = ({ columns, rows }) => rows.map((row) => row.map((value, index) => cell(value, columns[index])));
/** Which columns hold numbers: those are aligned right. */
const numeric = ({ rows }) => rows[0].map((value) => typeof value === 'number');
const goalLine = ({ goal }) => `goal: ${goal.text}: ${goal.met ? 'met' : 'NOT met'}`;

function textTable(table) {
  const { columns } = table;
  const rows = cells(table);
  const right = numeric(table);
  const widths = columns.map((column, index) => Math.max(column.length, ...rows.map((row) => row[index].length)));
  const line = (row) => row.map((value, index) => (right[index] ? value.padStart(widths[index]) : value.padEnd(widths[index]))).join('  ');
  return [line(columns), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** One comparison, for the terminal. */
export function textReport(result, number) {
  const parts = [`${number}. ${result.title}`, textTable(result)];
  if (result.breakdown) parts.push(textTable(result.breakdown));
  return [...parts, ...(result.notes ?? []).map((note) => `   ${note}`), goalLine(result)].join('\n');
}

function markdownTable(table) {
  const align = numeric(table).map((right) => (right ? '---:' : '---'));
  return [table.columns, align, ...cells(table)].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

const machineLine = ({ machine, durationSeconds }) =>
  `${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; ` +
  `load average ${machine.loadAverageAtStart.join(' / ')} (1, 5, 15 min) at the start, ` +
  `shared with other work; the whole run took ${Math.round(durationSeconds)} s.`;

/** The tables of docs/benchmarks.md: every comparison's table, notes and goal, and the machine. */
export function markdownReport(results) {
  const sections = results.benchmarks.map((result, index) => {
    const parts = [`**${index + 1}. ${result.title}**`, markdownTable(result)];
    if (result.breakdown) parts.push(markdownTable(result.breakdown));
    const notes = (result.notes ?? []).map((note) => `- ${note}`);
    return [...parts, [...notes, `- ${goalLine(result)}`].join('\n')].join('\n\n');
  });
  return [`Measured on ${machineLine(results)}`, ...sections].join('\n\n');
}

export const blockStart = '<!-- bench:start (written by npm run bench) -->';
export const blockEnd = '<!-- bench:end -->';

/** `page` with the text between its bench markers replaced by `markdown`; the rest is kept as it is. */
export function replaceBlock(page, markdown) {
  const starts = page.split(blockStart).length - 1;
  const ends = page.split(blockEnd).length - 1;
  if (starts !== 1 || ends !== 1 || page.indexOf(blockEnd) < page.indexOf(blockStart)) {
    throw new Error(`expected one ${blockStart} … ${blockEnd} block, found ${starts} start and ${ends} end markers`);
  }
  const [before, rest] = page.split(blockStart);
  const after = rest.split(blockEnd)[1];
  return `${before}${blockStart}\n${markdown}\n${blockEnd}${after}`;
}
