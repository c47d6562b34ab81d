// The simulator's clock: what `created_at` and `updated_at` say. By default the wall clock; it can
// be set to a time, frozen there (every change gets the same time until it is moved), advanced,
// and let run again from where it stands. `now` at start freezes it at that time.

/** What the clock says, as the control API answers it. */
export interface ClockState {
  /** ISO 8601, UTC, e.g. 2026-01-01T00:00:00.000Z. */
  now: string;
  /** True when it stands still (set or frozen); false when it runs. */
  frozen: boolean;
}

/** What a change to the clock may say (PUT /_simulator/clock, `simulator.clock.set`). */
export interface ClockChange {
  /** The time to set, ISO 8601 with an offset. */
  now?: string;
  /** Freeze (true) or let it run (false) from the time it shows. */
  frozen?: boolean;
  /** Move it forward by this many milliseconds. */
  advanceMs?: number;
}

export interface Clock {
  /** The current time. */
  now(): Date;
  /** Its time and whether it is frozen. */
  state(): ClockState;
  /** Applies a change (checked whole first: an Error naming the field, nothing changed). */
  set(change: ClockChange): void;
  /** Stops it at the time it shows. */
  freeze(): void;
  /** Moves it forward by `ms` (frozen or not). */
  advance(ms: number): void;
  /** Back to how the simulator was started (its `now` option, or the wall clock). */
  restart(): void;
}

const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
/** The longest step: a hundred years, far past any token's life. */
const maxAdvanceMs = 100 * 365 * 24 * 3600 * 1000;

/** A time the clock accepts: ISO 8601 with its offset (or a Date), as a number of ms; an Error naming `where` otherwise. */
export function checkTime(value: unknown, where: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' && isoTime.test(value) ? Date.parse(value) : Number.NaN;
  // Four-digit years only: GitHub's timestamps (and the contract's date-time) have no others.
  if (!(ms >= Date.UTC(1970, 0, 1)) || ms > Date.UTC(9999, 11, 31, 23, 59, 59)) {
    throw new Error(`${where}: must be an ISO 8601 time with its offset between 1970 and 9999, e.g. 2026-01-01T00:00:00Z, not ${JSON.stringify(value)}`);
  }
  return ms;
}

/** `start`: the time to freeze at (undefined: the wall clock, read at each call, so a test's fake timers reach it). */
export function createClock(start?: string | Date, wall: () => number = () => Date.now()): Clock {
  const startMs = start === undefined ? undefined : checkTime(start, 'now');
  // Running: now = wall() + offset; frozen: now = frozenAt.
  let offset = 0;
  let frozenAt: number | undefined = startMs;
  const nowMs = () => frozenAt ?? wall() + offset;
  const clock: Clock = {
    now: () => new Date(nowMs()),
    state: () => ({ now: new Date(nowMs()).toISOString(), frozen: frozenAt !== undefined }),
    set(change) {
      if (typeof change !== 'object' || change === null || Array.isArray(change)) throw new Error('a clock change is an object: {"now"?: ISO time, "frozen"?: boolean, "advanceMs"?: ms}');
      const unknown = Object.keys(change).find((key) => !['now', 'frozen', 'advanceMs'].includes(key));
      if (unknown !== undefined) throw new Error(`${unknown}: is not allowed (a clock change has now, frozen and advanceMs)`);
      const at = change.now === undefined ? undefined : checkTime(change.now, 'now');
      if (change.frozen !== undefined && typeof change.frozen !== 'boolean') throw new Error(`frozen: must be true or false, not ${JSON.stringify(change.frozen)}`);
      if (change.advanceMs !== undefined) checkAdvance(change.advanceMs);
      const frozen = change.frozen ?? (at !== undefined ? true : frozenAt !== undefined);
      let target = (at ?? nowMs()) + (change.advanceMs ?? 0);
      target = Math.min(target, Date.UTC(9999, 11, 31, 23, 59, 59));
      if (frozen) frozenAt = target;
      else {
        frozenAt = undefined;
        offset = target - wall();
      }
    },
    freeze: () => clock.set({ frozen: true }),
    advance: (ms) => clock.set({ advanceMs: ms }),
    restart() {
      offset = 0;
      frozenAt = startMs;
    },
  };
  return clock;
}

function checkAdvance(ms: unknown): void {
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > maxAdvanceMs)
    throw new Error(`advanceMs: must be a whole number of milliseconds from 0 to ${maxAdvanceMs}, not ${JSON.stringify(ms)}`);
}
