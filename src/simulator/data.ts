// Checks a data set, given from outside, before anything is changed (accounts.ts and faults.ts check
// theirs the same way): each problem is an Error naming the field (`octocat.authorizations[2].scopes:
// must be array,null`), so a file loaded at start fails with one line, and nothing is half loaded.
import type { Authorization } from '../../generated/schema.js';
import { fieldPath } from '../validation.js';
import { validationIssues } from '../validators.js';
import { type SimulatorData, uniquenessProblem } from './model.js';
import { appFields, authorizationFields, byteLimits, checkPlainJson, countLimits, fieldLimitProblem, fieldLimits, maxDataId, storedBytes } from './limits.js';
import { AuthorizationStore } from './store.js';

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
export const describeValue = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/** A user name as Basic credentials carry it: not empty, no colon. */
export function checkUserName(user: string, where = 'user name'): void {
  if (user === '' || user.includes(':')) throw new Error(`${where} ${JSON.stringify(user)}: a user name is not empty and has no colon (Basic credentials are user:password)`);
}

/** User names are case-insensitive, as GitHub's logins: `MONA` beside `mona` is one user twice. */
export function checkDistinct(seen: Map<string, string>, user: string, where: string): void {
  const other = seen.get(user.toLowerCase());
  if (other !== undefined) throw new Error(`${where} ${JSON.stringify(user)}: the same user as ${JSON.stringify(other)} (user names are case-insensitive, as on GitHub)`);
  seen.set(user.toLowerCase(), user);
}

/**
 * `data` as a data set, or an Error naming its first problem and, for a limit, the limit: plain
 * JSON within `limits.ts`'s bounds, closed (an unknown field is refused, not kept and served), and
 * servable (every authorization one the contract allows, ids that leave room for creates). One
 * check for load(), --data, createSimulator({ data }), the MSW handlers' options and PUT /_simulator/state.
 */
export function checkData(data: unknown): SimulatorData {
  if (!isObject(data)) throw new Error(`the data set must be an object of user names, not ${describeValue(data)}`);
  const users = Object.keys(data);
  if (users.length > countLimits.users) throw new Error(`the data set has ${users.length} users: at most ${countLimits.users} (the simulator's limit of user names)`);
  checkPlainJson(data, nameOf, countLimits.authorizations);
  let held = 0;
  let bytes = 0;
  const seen = new Map<string, string>();
  for (const [user, entry] of Object.entries(data)) {
    checkUserName(user, "the data set's user name");
    checkDistinct(seen, user, "the data set's user name");
    if (user.length > fieldLimits.userName) throw new Error(`the data set's user name ${JSON.stringify(user.slice(0, 40))}…: is too long (maximum is ${fieldLimits.userName} characters)`);
    if (!isObject(entry)) throw new Error(`${fieldPath(user, '')}: must be an object with authorizations, not ${describeValue(entry)}`);
    const extra = Object.keys(entry).find((key) => key !== 'authorizations');
    if (extra !== undefined) throw new Error(`${fieldPath(user, `/${escapeKey(extra)}`)}: is not allowed (a user holds only authorizations; grants derive from them)`);
    const { authorizations } = entry;
    if (!Array.isArray(authorizations)) throw new Error(`${fieldPath(user, '/authorizations')}: must be an array, not ${describeValue(authorizations)}`);
    held += authorizations.length;
    if (held > countLimits.authorizations) throw new Error(`${fieldPath(user, '/authorizations')}: the data set holds more than ${countLimits.authorizations} authorizations (the simulator's limit)`);
    const ids = new Map<number, number>();
    const checked = new AuthorizationStore();
    let userBytes = user.length;
    authorizations.forEach((authorization: unknown, index) => {
      const at = `/authorizations/${index}`;
      checkClosed(authorization, user, at);
      const issues = validationIssues('authorization', authorization);
      const specific = issues.filter((issue) => issue.keyword !== 'anyOf' && issue.keyword !== 'oneOf');
      const first = specific[0] ?? issues[0];
      if (first) {
        const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : '';
        throw new Error(`${fieldPath(user, at + first.pointer)}: ${first.message}${more}`);
      }
      const { id } = authorization as Authorization;
      if (id < 1) throw new Error(`${fieldPath(user, `${at}/id`)}: must be >= 1`);
      if (id > maxDataId) throw new Error(`${fieldPath(user, `${at}/id`)}: must be at most ${maxDataId} (2^48: a higher id leaves no room for the ids of creates)`);
      if (ids.has(id)) throw new Error(`${fieldPath(user, `${at}/id`)}: ${id} is also the id of ${fieldPath(user, `/authorizations/${ids.get(id)}`)}`);
      ids.set(id, index);
      const tooLong = fieldLimitProblem(authorization as Authorization);
      if (tooLong) throw new Error(`${fieldPath(user, `${at}/${tooLong.field}`)}: ${tooLong.message}`);
      userBytes += storedBytes(authorization as Authorization);
    });
    // In the order of their ids, as the store keeps them: each is then appended, never inserted.
    const byId = [...ids].sort((a, b) => a[0] - b[0]);
    for (const [, index] of byId) {
      const authorization = authorizations[index] as Authorization;
      const clash = uniquenessProblem(checked, authorization);
      if (clash) throw new Error(`${fieldPath(user, `/authorizations/${index}/${clash.field}`)}: already_exists: ${clash.reason}`);
      checked.add(authorization);
    }
    if (userBytes > byteLimits.perUser) throw new Error(`${fieldPath(user, '/authorizations')}: about ${userBytes} bytes, more than a user may hold (${byteLimits.perUser} bytes)`);
    bytes += userBytes;
    if (bytes > byteLimits.total) throw new Error(`${fieldPath(user, '/authorizations')}: the data set holds more than ${byteLimits.total} bytes of authorizations (the simulator's limit)`);
  }
  return data as SimulatorData;
}

/** An authorization of a data set has the contract's fields only; `user` and `installation` are null, as the simulator's own. */
function checkClosed(authorization: unknown, user: string, at: string): void {
  if (!isObject(authorization)) return; // the validator names it
  const unknown = Object.keys(authorization).find((key) => !authorizationFields.has(key));
  if (unknown !== undefined) throw new Error(`${fieldPath(user, `${at}/${escapeKey(unknown)}`)}: is not a field of an authorization (a data set is refused, not half kept, when it has one)`);
  const { app } = authorization;
  const unknownOfApp = isObject(app) ? Object.keys(app).find((key) => !appFields.has(key)) : undefined;
  if (unknownOfApp !== undefined) throw new Error(`${fieldPath(user, `${at}/app/${escapeKey(unknownOfApp)}`)}: is not a field of an app (it has client_id, name and url)`);
  for (const field of ['user', 'installation'] as const) {
    if (authorization[field] !== undefined && authorization[field] !== null) throw new Error(`${fieldPath(user, `${at}/${field}`)}: must be null (the simulator keeps no token's ${field})`);
  }
}

/** A key as one token of a JSON pointer (fieldPath reads pointers). */
const escapeKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** A path in the data set as the errors name it: `octocat.authorizations[2].app`. */
const nameOf = (path: readonly (string | number)[]) =>
  path.length === 0
    ? 'the data set'
    : fieldPath(
        String(path[0]),
        path
          .slice(1)
          .map((key) => `/${escapeKey(String(key))}`)
          .join(''),
      );
