// The delay rule, in one place: X-Simulator-Delay, --delay, and the delayMs of faults and scenarios
// each take a whole number of milliseconds from 0 to a minute (long enough for any spinner).

export const maxDelayMs = 60_000;

/** What the rule says, after the name of what broke it. */
export const delayRule = `must be a whole number of milliseconds from 0 to ${maxDelayMs}`;

/** True for a delay the rule allows. */
export const isDelayMs = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= maxDelayMs;

/** A delay given as text (a header, a flag): its milliseconds, or undefined when the rule refuses it. */
export function delayOfText(text: string): number | undefined {
  const digits = text.trim();
  return /^\d{1,6}$/.test(digits) && isDelayMs(Number(digits)) ? Number(digits) : undefined;
}
