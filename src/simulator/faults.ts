// Faults: a delay, a server error or a dropped connection, injected into API answers. Configured
// for every request (`faults`, --delay/--fault), per request by the X-Simulator-Delay and
// X-Simulator-Fault headers, or once by a scenario; checked before anything changes.
import type { Answer } from './answer.js';
import { describeValue, isObject } from './data.js';
import { delayOfText, delayRule, isDelayMs } from './delay.js';
import { bodies } from './errors.js';
import type { ApiCall } from './request-checks.js';
import type { ScenarioUse } from './scenarios.js';

/** Faults injected into answers: see index.ts's `SimulatorOptions.faults`. */
export interface FaultConfig {
  delayMs?: number;
  status?: number;
  drop?: boolean;
}

/** `faults` as a fault configuration, or an Error naming its first problem. */
export function checkFaults(faults: unknown, where = 'faults'): FaultConfig {
  if (!isObject(faults)) throw new Error(`${where}: must be an object with delayMs, status and/or drop, not ${describeValue(faults)}`);
  for (const key of Object.keys(faults)) if (!['delayMs', 'status', 'drop'].includes(key)) throw new Error(`${where}.${key}: is not allowed (faults have delayMs, status and drop)`);
  const { delayMs, status, drop } = faults;
  if (delayMs !== undefined && !isDelayMs(delayMs)) throw new Error(`${where}.delayMs: ${delayRule}`);
  if (status !== undefined && !(typeof status === 'number' && Number.isInteger(status) && status >= 500 && status <= 599))
    throw new Error(`${where}.status: must be a server error status, 500 to 599`);
  if (drop !== undefined && typeof drop !== 'boolean') throw new Error(`${where}.drop: must be true or false`);
  return faults as FaultConfig;
}

/** The configured faults with a scenario's over them; a scenario's documented answer keeps only the delay. */
export function scenarioFaults(configured: FaultConfig | undefined, scenario: ScenarioUse): FaultConfig {
  const fault: FaultConfig = scenario.prefer || scenario.fault !== undefined ? { ...(configured?.delayMs !== undefined && { delayMs: configured.delayMs }) } : { ...configured };
  if (scenario.delayMs !== undefined) fault.delayMs = scenario.delayMs;
  if (scenario.fault === 'drop') fault.drop = true;
  else if (scenario.fault !== undefined) fault.status = scenario.fault;
  return fault;
}

/** The faults for one request: the headers' (X-Simulator-Delay, X-Simulator-Fault) over the configured ones, or the 400 for a bad header. */
export function faultFor(configured: FaultConfig | undefined, headers: ApiCall['headers']): FaultConfig | { refusal: Answer } {
  const fault: FaultConfig = configured === undefined ? {} : { ...configured };
  const delay = headers.get('x-simulator-delay');
  if (delay !== null) {
    const ms = delayOfText(delay);
    if (ms === undefined) return badHeader(`Bad X-Simulator-Delay header ${JSON.stringify(delay)}: ${delayRule}`);
    fault.delayMs = ms;
  }
  const injected = headers.get('x-simulator-fault')?.trim().toLowerCase();
  if (injected !== undefined) {
    delete fault.status;
    delete fault.drop;
    if (injected === 'drop') fault.drop = true;
    else if (/^5\d\d$/.test(injected)) fault.status = Number(injected);
    else if (injected !== 'none') return badHeader(`Bad X-Simulator-Fault header ${JSON.stringify(injected)}: must be a status from 500 to 599, drop, or none`);
  }
  return fault;
}

const badHeader = (message: string): { refusal: Answer } => ({ refusal: { status: 400, body: { message }, reason: message } });

/** The answer of an injected server error. */
export const faultAnswer = (status: number): Answer => ({ status, body: bodies.serverFailure(status), reason: `injected fault ${status}` });

/** Waits `ms`; false at once, with the timer cleared, when `signal` aborts (the client has gone, or the server stops). */
export function delay(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', stop, { once: true });
  });
}
