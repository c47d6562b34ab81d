// `Prefer: code=<status>` and `Prefer: example=<name>` choose which documented response the mock
// sends (the same header Prism reads). They are checked against the operation first, so a typo
// gets a 400 listing what exists instead of an undocumented answer.

/** The `code` and `example` preferences of a Prefer header (others are ignored, as RFC 7240 says). */
export function parsePrefer(header) {
  const preferences = {};
  for (const part of (header ?? '').split(/[,;]/)) {
    const match = /^\s*(code|example)\s*=\s*"?([^"]*?)"?\s*$/i.exec(part);
    if (match) preferences[match[1].toLowerCase()] = match[2];
  }
  return preferences;
}

/**
 * @returns {{ code?: number, exampleKey?: string } | { problem: string }} what to ask Prism for
 */
export function chooseResponse(route, header) {
  const { code, example } = parsePrefer(header);
  const statuses = Object.keys(route.statuses);
  if (code !== undefined && !statuses.includes(code)) {
    return { problem: `Prefer: code=${code} is not a response of ${route.name}; it answers ${statuses.join(', ')}` };
  }
  if (example === undefined) return code === undefined ? {} : { code: Number(code) };
  const status = statuses.find((s) => (code === undefined || s === code) && route.statuses[s].includes(example));
  if (!status) {
    const names = Object.entries(route.statuses)
      .filter(([s]) => code === undefined || s === code)
      .flatMap(([s, examples]) => examples.map((name) => `${name} (${s})`));
    return { problem: `Prefer: example=${example} is not an example of ${route.name}${code ? ` ${code}` : ''}; it has ${names.join(', ') || 'none'}` };
  }
  return { code: Number(status), exampleKey: example };
}
