// `Prefer: code=<status>` and `Prefer: example=<name>` choose which documented response to answer
// (the header Prism reads too): the contract's example, as documented, to force an error state.
// They are checked against the operation first, so a typo gets a 400 listing what exists.

/**
 * The longest Prefer header read. Real ones are a few dozen characters (`code=422,
 * example=note-already-exists` is 35); 1,024 leaves room for any list of RFC 7240 preferences.
 * The rest of a longer header (or of many Prefer lines, which arrive joined) is ignored, as RFC
 * 7240 §2 has a server ignore what it does not act on "instead of signaling an error" (and GHES
 * ignores Prefer altogether); a preference cut by the limit is not read either.
 */
export const maxPreferLength = 1024;

/** What chooseResponse needs of an operation: its name and, per status, its example names. */
export interface PreferTarget {
  /** The operationId without its tag, e.g. `get-grant`. */
  name: string;
  statuses: Readonly<Record<string, readonly string[]>>;
}

/**
 * The `code` and `example` preferences of a Prefer header (others are ignored, as RFC 7240 says).
 * No regular expression but one character class in `split`: a few string scans per part, linear
 * in the header's length (a backtracking pattern here froze the event loop for seconds on a 4 KB
 * header), and only the first `maxPreferLength` characters are read (and only whole preferences).
 * A value may be quoted (`example="gone"`); a value with a quote inside is not a value and is ignored.
 */
export function parsePrefer(header: string | null | undefined): { code?: string; example?: string } {
  const preferences: { code?: string; example?: string } = {};
  const text = header ?? '';
  const parts = text.slice(0, maxPreferLength + 1).split(/[,;]/);
  // Past the limit, the last part read may be cut short (`code=4` of `code=404`): leave it out.
  if (text.length > maxPreferLength) parts.pop();
  for (const part of parts) {
    const equals = part.indexOf('=');
    if (equals === -1) continue;
    const name = part.slice(0, equals).trim().toLowerCase();
    if (name !== 'code' && name !== 'example') continue;
    let value = part.slice(equals + 1).trim();
    if (value.startsWith('"')) value = value.slice(1);
    if (value.endsWith('"')) value = value.slice(0, -1);
    if (!value.includes('"')) preferences[name] = value;
  }
  return preferences;
}

/** The status and example a Prefer header asks of `target`: none (`{}`), one, or a problem to answer 400 with. */
export function chooseResponse(target: PreferTarget, header: string | null | undefined): { code?: number; exampleKey?: string } | { problem: string } {
  if (header === undefined || header === null) return {};
  const { code, example } = parsePrefer(header);
  const statuses = Object.keys(target.statuses);
  if (code !== undefined && !statuses.includes(code)) {
    return { problem: `Prefer: code=${code} is not a response of ${target.name}; it answers ${statuses.join(', ')}` };
  }
  if (example === undefined) return code === undefined ? {} : { code: Number(code) };
  const status = statuses.find((s) => (code === undefined || s === code) && target.statuses[s]!.includes(example));
  if (!status) {
    const names = Object.entries(target.statuses)
      .filter(([s]) => code === undefined || s === code)
      .flatMap(([s, examples]) => examples.map((name) => `${name} (${s})`));
    return { problem: `Prefer: example=${example} is not an example of ${target.name}${code ? ` ${code}` : ''}; it has ${names.join(', ') || 'none'}` };
  }
  return { code: Number(status), exampleKey: example };
}

/** The Prefer target of one of the contract's operations. */
export function preferTarget(operation: { operationId: string; responses: Readonly<Record<string, { examples: readonly string[] }>> }): PreferTarget {
  return {
    name: operation.operationId.split('/').pop()!,
    statuses: Object.fromEntries(Object.entries(operation.responses).map(([status, response]) => [status, response.examples])),
  };
}
