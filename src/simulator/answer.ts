// An answer before it becomes a reply (index.ts's `toReply` makes the headers and bytes): every
// part that answers — the checks, the accounts, the faults, the control API, the responses — makes
// one, a success as much as a refusal.

export interface Answer {
  status: number;
  /** JSON; absent for a 204 or 304. */
  body?: unknown;
  /** The body as JSON bytes already, instead of `body` (a list made of items serialised once). */
  encoded?: Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** The simulator's diagnosis, for `X-Simulator-Reason`. */
  reason: string;
}
