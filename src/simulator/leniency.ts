// What GitHub's server made of a request body the contract refuses, which the simulator does too
// unless it is strict (`strict: true`, `--strict`). Recorded answers (docs/decisions.md, "Unknown
// body fields are ignored"): a field the operation does not know was ignored (octokit.rb's `scope`,
// a get-or-create's repeated `client_id`), and github3.py's empty `client_id` and `client_secret`
// made a personal token (its empty `note_url` GitHub stored as it came, which the contract allows).
// Each change is named, for X-Simulator-Reason and the --verbose log.
import type { SchemaError } from '../../generated/validators.js';

/** A compiled validator: true or false, with the errors of the last call. */
type Validate = ((value: unknown) => boolean) & { errors?: readonly SchemaError[] | null };

/** The changes named at most, as a 422 lists at most 20 problems. */
const maxNamed = 20;

/** The body as GitHub took it, and what was changed (empty: nothing). */
export function asGitHubTookIt(operationName: string, body: unknown, validate: Validate): { body: unknown; changes: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { body, changes: [] };
  const taken: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const changes: string[] = [];
  if (operationName === 'createAuthorization') {
    for (const field of ['client_id', 'client_secret']) {
      if (taken[field] !== '') continue;
      delete taken[field];
      changes.push(`${field} "" taken as absent`);
    }
  }
  if (!validate(taken)) {
    const unknown = new Set((validate.errors ?? []).filter((error) => error.keyword === 'additionalProperties' && error.instancePath === '').map((error) => String(error.params.additionalProperty)));
    for (const field of unknown) {
      delete taken[field];
      const why = field === 'client_id' && operationName.startsWith('getOrCreate') ? 'the path names the app' : 'not a field of this request';
      if (changes.length < maxNamed) changes.push(`${field} ignored (${why})`);
    }
    if (unknown.size > maxNamed) changes.push(`and ${unknown.size - maxNamed} more fields ignored`);
  }
  return { body: taken, changes };
}
