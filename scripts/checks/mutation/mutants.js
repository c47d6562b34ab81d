// The mutants of the contract: each one small change to one source file of openapi/ of the kinds
// that real damage takes (a required field dropped, a type changed, an enum value added or dropped,
// a status code removed, a parameter removed or made optional, a format loosened or removed, an
// example removed), found by walking every schema, parameter and response of every file.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import { httpMethods, pointerOf } from '../../lib/contract-helpers.js';

/** A different JSON type for each, so a type change always changes what validates. */
const otherType = { string: 'integer', integer: 'string', number: 'string', boolean: 'string', array: 'object', object: 'array' };
/** A format that accepts more than the one it replaces. */
const looserFormat = { uri: 'uri-reference', 'date-time': 'iso-date-time' };

/**
 * Every schema inside `node` (a schema itself when `isSchema`), with its JSON pointer in the file:
 * properties, items, the branches of anyOf/oneOf/allOf, additionalProperties.
 * @returns {Array<{ schema: any, at: string[] }>}
 */
function schemasIn(node, at, isSchema) {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((each, index) => schemasIn(each, [...at, String(index)], isSchema));
  if (!isSchema) {
    // Outside a schema: follow the places of an OpenAPI document where schemas live.
    return Object.entries(node).flatMap(([key, value]) => {
      if (key === 'examples' || key === 'example' || key === 'description') return [];
      return schemasIn(value, [...at, key], key === 'schema');
    });
  }
  if ('$ref' in node) return [];
  const found = [{ schema: node, at }];
  for (const [name, property] of Object.entries(node.properties ?? {})) found.push(...schemasIn(property, [...at, 'properties', name], true));
  if (node.items) found.push(...schemasIn(node.items, [...at, 'items'], true));
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    for (const [index, branch] of (node[keyword] ?? []).entries()) found.push(...schemasIn(branch, [...at, keyword, String(index)], true));
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object') found.push(...schemasIn(node.additionalProperties, [...at, 'additionalProperties'], true));
  return found;
}

/** The node at `at` inside `document`. */
const nodeAt = (document, at) => at.reduce((node, key) => node?.[key], document);

/**
 * The mutants of one parsed file: `{ name, kind, file, apply(document) }`; `apply` returns the
 * file's text with the change made to a copy of the parsed document.
 * @param {string} file the path from the repository root, e.g. `openapi/components/schemas/authorization.yaml`
 * @param {any} document the file, parsed
 */
export function mutantsOf(file, document) {
  const mutants = [];
  /** `change(node, parent)` edits the node at `at` (and its parent) in a copy of the document. */
  const add = (kind, at, detail, change) => {
    const where = pointerOf(...at).slice(1);
    mutants.push({
      kind,
      file,
      name: `${kind} ${file}#${where}${detail ? ` (${detail})` : ''}`,
      apply(original) {
        const copy = structuredClone(original);
        change(nodeAt(copy, at), nodeAt(copy, at.slice(0, -1)));
        return stringify(copy, { lineWidth: 0 });
      },
    });
  };

  for (const { schema, at } of schemasIn(document, [], file.includes('/components/schemas/'))) {
    for (const field of schema.required ?? []) {
      add('required-dropped', [...at, 'required'], field, (_, node) => {
        node.required = node.required.filter((each) => each !== field);
        if (node.required.length === 0) delete node.required;
      });
    }
    const main = [schema.type].flat().find((type) => type !== undefined && type !== 'null');
    if (otherType[main]) {
      add('type-changed', [...at, 'type'], `${main} → ${otherType[main]}`, (_, node) => {
        node.type = Array.isArray(node.type) ? node.type.map((type) => (type === main ? otherType[main] : type)) : otherType[main];
      });
    }
    if (Array.isArray(schema.enum)) {
      add('enum-value-added', [...at, 'enum'], 'mutant', (_, node) => {
        node.enum = [...node.enum, typeof node.enum[0] === 'number' ? 987654 : 'mutant'];
      });
      for (const value of schema.enum) {
        add('enum-value-dropped', [...at, 'enum'], String(value), (_, node) => {
          node.enum = node.enum.filter((each) => each !== value);
        });
      }
    }
    if (schema.format !== undefined) {
      add('format-removed', [...at, 'format'], schema.format, (_, node) => delete node.format);
      const looser = looserFormat[schema.format];
      if (looser) add('format-loosened', [...at, 'format'], `${schema.format} → ${looser}`, (_, node) => (node.format = looser));
    }
  }

  if (file.includes('/paths/')) {
    // Each parameter of the path item and of its operations removed; each status code removed.
    const lists = [['parameters'], ...httpMethods.filter((method) => document[method]?.parameters).map((method) => [method, 'parameters'])];
    for (const at of lists) {
      (nodeAt(document, at) ?? []).forEach((parameter, index) => {
        add('parameter-removed', [...at, String(index)], parameter.$ref?.split('/').pop() ?? parameter.name, (_, list) => list.splice(index, 1));
      });
    }
    for (const method of httpMethods.filter((each) => document[each])) {
      for (const status of Object.keys(document[method].responses ?? {})) {
        add('status-removed', [method, 'responses', status], '', (_, responses) => delete responses[status]);
      }
    }
  }
  if (file.includes('/components/parameters/') && document.required === true) {
    add('parameter-optional', ['required'], document.name, (_, parameter) => (parameter.required = false));
  }

  // A media type's named example, and a parameter's or a header's own example.
  const exampleMaps = (node, at) =>
    node && typeof node === 'object' ? Object.entries(node).flatMap(([key, value]) => (key === 'examples' && at.at(-2) === 'content' ? [[...at, key]] : exampleMaps(value, [...at, key]))) : [];
  for (const at of exampleMaps(document, [])) {
    for (const name of Object.keys(nodeAt(document, at))) add('example-removed', [...at, name], '', (_, examples) => delete examples[name]);
  }
  if ((file.includes('/components/parameters/') || file.includes('/components/headers/')) && 'example' in document) {
    add('example-removed', ['example'], '', (_, node) => delete node.example);
  }
  return mutants;
}

/** The source files of the contract (YAML under openapi/, but the release snapshots). */
export async function contractFiles(root) {
  const entries = await readdir(join(root, 'openapi'), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith('openapi/releases/'))
    .sort();
}

/** Every mutant of the contract under `root`, in a stable order, with each file's parsed text. */
export async function allMutants(root) {
  const files = await contractFiles(root);
  const parsed = new Map(await Promise.all(files.map(async (file) => /** @type {[string, any]} */ ([file, parse(await readFile(join(root, file), 'utf8'))]))));
  return { parsed, mutants: files.flatMap((file) => mutantsOf(file, parsed.get(file))) };
}
