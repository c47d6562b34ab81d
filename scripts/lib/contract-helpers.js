// The small helpers every reader of the bundled contract needs, in one place: the HTTP methods of
// a path item, the walk over its operations, JSON pointers and local $refs, and the names the
// generated code takes from the contract. Used by the build, the diff, the bench and the tests.
// (src/ ships its own pointer escaping: the package must not import scripts/.)

/** The fields of an OpenAPI 3.1 path item that hold an operation, in the specification's order. */
export const httpMethods = Object.freeze(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * Every operation of `document`, in the contract's order (paths, then methods as written).
 * @param {any} document an OpenAPI document
 * @returns {Array<{ path: string, method: string, item: any, operation: any }>}
 */
export function operationsOf(document) {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.keys(item ?? {})
      .filter((method) => httpMethods.includes(method))
      .map((method) => ({ path, method, item, operation: item[method] })),
  );
}

/** `a/b~c` → `a~1b~0c`: a key as one token of a JSON pointer (RFC 6901). */
export const escapeToken = (/** @type {string} */ key) => key.replace(/~/g, '~0').replace(/\//g, '~1');
/** `a~1b~0c` → `a/b~c` */
export const unescapeToken = (/** @type {string} */ token) => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** `pointerOf('paths', '/authorizations', 'get')` → `#/paths/~1authorizations/get` */
export const pointerOf = (/** @type {Array<string | number>} */ ...keys) => `#${keys.map((key) => `/${escapeToken(String(key))}`).join('')}`;

/** `#/paths/~1authorizations/get` → `['paths', '/authorizations', 'get']`; `#` → `[]`. */
export function tokensOf(/** @type {string} */ pointer) {
  if (!pointer.startsWith('#')) throw new Error(`"${pointer}" is not a local JSON pointer (it must start with #)`);
  const path = pointer.slice(1);
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer (expected # or #/…)`);
  return path.slice(1).split('/').map(unescapeToken);
}

/**
 * The node at a local pointer in `document`, or undefined when there is none.
 * @param {any} document
 * @param {string} pointer
 */
export function atPointer(document, pointer) {
  let node = document;
  for (const token of tokensOf(pointer)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, token)) return undefined;
    node = node[token];
  }
  return node;
}

/**
 * `node`, or what its local `$ref` points to (following chains of them); throws on a $ref that
 * points nowhere, or round in a circle.
 * @template T
 * @param {any} document
 * @param {T} node
 * @returns {any}
 */
export function resolveRef(document, node) {
  let current = /** @type {any} */ (node);
  const seen = new Set();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`$ref "${ref}" leads back to itself`);
    seen.add(ref);
    current = atPointer(document, ref);
    if (current === undefined) throw new Error(`$ref "${ref}" points to nothing`);
  }
  return current;
}

/** `get-or-create-authorization-for-app` → `getOrCreateAuthorizationForApp` */
export const camelCase = (/** @type {string} */ kebab) => kebab.replace(/-+([a-z0-9])/gi, (_match, letter) => letter.toUpperCase());
/** `application-grant` → `ApplicationGrant`: openapi-typescript's root type name for a component. */
export const pascalCase = (/** @type {string} */ kebab) => camelCase(kebab).replace(/^[a-z]/, (letter) => letter.toUpperCase());

/** `oauth-authorizations/get-or-create-authorization-for-app` → `getOrCreateAuthorizationForApp`, the client's function. */
export function functionNameOf(/** @type {string} */ operationId) {
  const name = camelCase(operationId.slice(operationId.lastIndexOf('/') + 1));
  if (!/^[a-z][A-Za-z0-9]*$/.test(name)) throw new Error(`operationId ${operationId} does not make a function name (got "${name}"): use kebab-case`);
  return name;
}

/** The component schema a local `$ref` names (`#/components/schemas/authorization` → `authorization`), or undefined. */
export function schemaNameOf(/** @type {unknown} */ ref) {
  const prefix = '#/components/schemas/';
  return typeof ref === 'string' && ref.startsWith(prefix) && !ref.slice(prefix.length).includes('/') ? unescapeToken(ref.slice(prefix.length)) : undefined;
}
