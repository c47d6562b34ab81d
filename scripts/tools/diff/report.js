// Turns Redocly's diff report into ours: `{ breaking, nonBreaking }`, each item
// `{ rule, operation, operationId, location, message }`, and prints it for a person.
import { httpMethods, unescapeToken } from '../../lib/contract-helpers.js';

import { referencedSections } from './normalize.js';

// settings & const

const documentLevel = '(whole document)';

// classification

/**
 * Our report from Redocly's. A change is breaking when a diff rule rated it `major`; every other
 * change is non-breaking and keeps a rule name made from what changed (e.g. `property-added`).
 */
export function classify(redoclyReport, base, revision) {
  const breaking = [];
  const nonBreaking = [];
  for (const change of redoclyReport.changes) {
    const where = placeOf(change, base, revision);
    if (!where) continue;
    const majors = change.verdicts.filter((verdict) => verdict.impact === 'major');
    for (const verdict of majors) breaking.push({ rule: verdict.ruleId, ...where, message: verdict.message });
    if (majors.length > 0) continue;
    const [verdict] = change.verdicts;
    nonBreaking.push({ rule: verdict?.ruleId ?? ruleOf(change), ...where, message: verdict?.message ?? messageOf(change, where) });
  }
  return { breaking, nonBreaking };
}

/** Which operation a change is in and where inside it; null for a repeat inside components. */
function placeOf(change, base, revision) {
  const segments = pointerSegments(change.path);
  const suffix = change.kind === 'modified' && change.property !== 'key' ? [change.property] : [];
  // normalize() inlined these sections wherever they are used, so a change in them is reported at
  // each use; the copy left in components (kept when a cycle needs it) would only repeat it.
  if (segments[0] === 'components' && referencedSections.includes(segments[1] ?? '')) return null;
  if (segments[0] !== 'paths' || segments[1] === undefined) {
    return { operation: documentLevel, operationId: null, location: [...segments, ...suffix].join('/') };
  }
  const [, path, method, ...rest] = segments;
  if (!method || !httpMethods.includes(method)) {
    return { operation: path, operationId: null, location: [...(method ? [method] : []), ...rest, ...suffix].join('/') };
  }
  const operation = revision.paths?.[path]?.[method] ?? base.paths?.[path]?.[method];
  return {
    operation: `${method.toUpperCase()} ${path}`,
    operationId: operation?.operationId ?? null,
    location: [...nameParameter(rest, change, base, revision), ...suffix].join('/'),
  };
}

/** `parameters/3/schema` → `parameters/query/per_page/schema`: an index says nothing to a reader. */
function nameParameter(rest, change, base, revision) {
  if (rest[0] !== 'parameters' || !/^\d+$/.test(rest[1] ?? '')) return rest;
  // The side that has the parameter: the old contract for a removal, the new one otherwise.
  const [side, document] = change.revision ? [change.revision, revision] : [change.base, base];
  const [, path, method, , index] = pointerSegments(side?.pointer ?? '');
  const parameter = document.paths?.[path ?? '']?.[method ?? '']?.parameters?.[Number(index)];
  return parameter ? ['parameters', parameter.in, parameter.name, ...rest.slice(2)] : rest;
}

const pointerSegments = (pointer) => pointer.replace(/^#\/?/, '').split('/').filter(Boolean).map(unescapeToken);

const kebab = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
/** `SecurityRequirementList` → `Security requirement list` */
const humanize = (typeName) =>
  kebab(typeName)
    .replace(/-/g, ' ')
    .replace(/^./, (first) => first.toUpperCase());

/** `property-added`, `response-removed`, `description-changed`, … */
function ruleOf(change) {
  if (change.kind === 'modified') return change.property === 'key' ? 'path-renamed' : `${kebab(change.property)}-changed`;
  const parent = pointerSegments(change.path).at(-2);
  if (change.typeName === 'Schema' && parent === 'properties') return `property-${change.kind}`;
  if (change.typeName === 'Schema' && ['anyOf', 'oneOf', 'allOf'].includes(parent ?? '')) return `subschema-${change.kind}`;
  return `${kebab(change.typeName)}-${change.kind}`;
}

const shown = (value) => {
  const text = JSON.stringify(value);
  return text !== undefined && text.length <= 60 ? text : undefined;
};
const asList = (value) => (Array.isArray(value) ? value : [value]);
const listed = (values) => values.map((value) => JSON.stringify(value)).join(', ');

/** A sentence for a change that no diff rule judged, e.g. "Property `note` was added." */
function messageOf(change, where) {
  const before = change.base?.value;
  const after = change.revision?.value;
  if (change.kind === 'modified') {
    const property = `\`${change.property}\``;
    if (change.property === 'key') return `Path renamed from ${before} to ${after}.`;
    if (before === undefined) return `${property} was set${shown(after) ? ` to ${shown(after)}` : ''}.`;
    if (after === undefined) return `${property} was removed${shown(before) ? ` (was ${shown(before)})` : ''}.`;
    // Lists (enum, required, type) read best as what they gained and lost.
    if (['enum', 'required', 'type'].includes(change.property)) {
      const gained = asList(after).filter((value) => !asList(before).includes(value));
      const lost = asList(before).filter((value) => !asList(after).includes(value));
      const parts = [gained.length > 0 && `gained ${listed(gained)}`, lost.length > 0 && `lost ${listed(lost)}`].filter(Boolean);
      if (parts.length > 0) return `${property} ${parts.join(' and ')}.`;
    }
    return `${property} changed${shown(before) && shown(after) ? ` from ${shown(before)} to ${shown(after)}` : ''}.`;
  }
  const segments = pointerSegments(change.path);
  const name = segments.at(-1) ?? '';
  const parent = segments.at(-2) ?? '';
  const value = after ?? before;
  const noun =
    change.typeName === 'Operation'
      ? `Operation \`${where.operation}\``
      : change.typeName === 'Parameter'
        ? `${value?.required ? 'Required' : 'Optional'} \`${value?.name}\` ${value?.in} parameter`
        : change.typeName === 'Schema' && parent === 'properties'
          ? `Property \`${name}\``
          : change.typeName === 'Schema' && ['anyOf', 'oneOf', 'allOf'].includes(parent)
            ? `\`${parent}\` subschema ${name}`
            : name.toLowerCase() === change.typeName.toLowerCase()
              ? `\`${name}\``
              : `${humanize(change.typeName)} \`${name}\``;
  return `${noun} was ${change.kind}.`;
}

// output for a person

/** Breaking changes first, then the others, each grouped under its operation. */
export function formatText(report) {
  const lines = [`Comparing ${report.old} → ${report.new}`, ''];
  const total = report.breaking.length + report.nonBreaking.length;
  if (total === 0) return [...lines, 'No changes.'].join('\n');
  const section = (title, items, mark) => {
    if (items.length === 0) return;
    lines.push(`${title} (${items.length}):`, '');
    const groups = new Map();
    for (const item of items) groups.set(item.operation, [...(groups.get(item.operation) ?? []), item]);
    for (const [operation, group] of groups) {
      const operationId = group[0]?.operationId;
      lines.push(`  ${operation}${operationId ? `  (${operationId})` : ''}`);
      for (const item of group) {
        lines.push(`    ${mark} ${item.rule}${item.location ? `  at ${item.location}` : ''}`, `        ${item.message}`);
      }
      lines.push('');
    }
  };
  section('Breaking changes', report.breaking, '✖');
  section('Non-breaking changes', report.nonBreaking, '·');
  lines.push(`${report.breaking.length} breaking, ${report.nonBreaking.length} non-breaking.`);
  return lines.join('\n');
}
