// What a restart needs, as plain JSON (a state file of `--state-file`, or a browser's storage in
// the MSW handlers): the data of every user, the clock when it is frozen, and a seeded source's
// position (so the tokens after a restart go on from where they were). A file of another shape is
// refused whole, naming what is wrong, and nothing is changed.
import type { Clock, ClockState } from './clock.js';
import { checkTime } from './clock.js';
import { checkData } from './data.js';
import type { SimulatorData } from './model.js';
import type { RandomSource } from './random.js';

/** The mark of a state file, so that another JSON file is never taken (or overwritten) for one. */
export const persistedFormat = 'ghes-oauth-authorizations simulator state';

export interface PersistedState {
  format: typeof persistedFormat;
  version: 1;
  data: SimulatorData;
  /** Only when frozen: a running clock starts again from the wall clock. */
  clock?: ClockState;
  /** A seeded source's position. */
  random?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function persistedState(data: SimulatorData, clock: ClockState, random: string | undefined): PersistedState {
  return { format: persistedFormat, version: 1, data, ...(clock.frozen && { clock }), ...(random !== undefined && { random }) };
}

/** `text` as JSON, or an Error saying it is not. */
export function parsePersisted(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`);
  }
}

/** Checks `saved` whole, then applies it; an Error naming the problem otherwise, with nothing changed. */
export function restorePersisted(saved: unknown, target: { load(data: SimulatorData): void; clock: Clock; random: RandomSource }): void {
  if (!isObject(saved) || saved.format !== persistedFormat) {
    throw new Error(`not a state file of this simulator (its "format" is not ${JSON.stringify(persistedFormat)})`);
  }
  if (saved.version !== 1) throw new Error(`version ${JSON.stringify(saved.version)}: this simulator reads version 1`);
  const unknown = Object.keys(saved).find((key) => !['format', 'version', 'data', 'clock', 'random'].includes(key));
  if (unknown !== undefined) throw new Error(`${unknown}: is not allowed (a state file has format, version, data, clock and random)`);
  const data = checkData(saved.data);
  let frozenAt: string | undefined;
  if (saved.clock !== undefined) {
    if (!isObject(saved.clock) || saved.clock.frozen !== true) throw new Error('clock: must be {"now": <ISO time>, "frozen": true}');
    checkTime(saved.clock.now, 'clock.now');
    frozenAt = saved.clock.now as string;
  }
  const seeded = target.random.position() !== undefined;
  if (saved.random !== undefined && (typeof saved.random !== 'string' || !/^sfc32:[0-9a-f]{32}$/.test(saved.random)))
    throw new Error(`random: ${JSON.stringify(saved.random)} is not a position a seeded simulator wrote`);

  target.load(data);
  if (frozenAt !== undefined) target.clock.set({ now: frozenAt, frozen: true });
  // Started without a seed, the tokens are the platform's: a saved position has nothing to go on.
  if (seeded && typeof saved.random === 'string') target.random.resume(saved.random);
}
