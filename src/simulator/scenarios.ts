// Scenarios: a queue of one-shot behaviours ("the next two creates fail with 502, then it works"),
// after WireMock's scenarios. Each matches requests by operation, method and user; the first in the
// queue that matches a request is used for it (once, or `times` times), then normal service
// resumes. A scenario answers with a fault (a 5xx or a dropped connection), waits (a delay, then
// the normal answer), or answers one of the operation's documented responses, as `Prefer:
// code=…`/`example=…` would.
import { operations, type OperationFact } from '../../generated/simulator-contract.js';
import { delayRule, isDelayMs } from './delay.js';
import { operationNamed } from './journal.js';
import { chooseResponse, preferTarget } from './prefer.js';

/** One scenario, as given (JSON): the matchers, then what it does. */
export interface Scenario {
  /** The operation: the contract's operationId or the client's function name (`createAuthorization`); any when absent. */
  operationId?: string;
  /** The request's method (`POST`); any when absent. */
  method?: string;
  /** The user name of the Basic credentials; any when absent. */
  user?: string;
  /** How many matching requests it applies to, in a row (default 1). */
  times?: number;
  /** Wait this long (ms) before answering. */
  delayMs?: number;
  /** A server failure (500-599) or `drop` (the connection closes with no answer). */
  fault?: number | 'drop';
  /** A documented status of the operation: its documented answer (as `Prefer: code=…`). Needs operationId. */
  status?: number;
  /** A documented example of the operation (as `Prefer: example=…`). Needs operationId. */
  example?: string;
}

/** A scenario in the queue: as given, with its id and how many uses it has left. */
export interface QueuedScenario extends Scenario {
  id: number;
  remaining: number;
}

/** What the simulator does for a request a scenario matched. */
export interface ScenarioUse {
  id: number;
  description: string;
  delayMs?: number;
  fault?: number | 'drop';
  /** The Prefer header that chooses the documented answer. */
  prefer?: string;
}

const maxQueued = 1000;
const maxTimes = 1000;
const keys = ['operationId', 'method', 'user', 'times', 'delayMs', 'fault', 'status', 'example'];
const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The scenarios checked (an array, or one object), or an Error naming the first problem (`scenarios[1].status: …`). */
export function checkScenarios(input: unknown, where = 'scenarios'): Scenario[] {
  const list = Array.isArray(input) ? input : isObject(input) ? [input] : undefined;
  if (!list) throw new Error(`${where}: must be a scenario object or an array of them, not ${input === null ? 'null' : typeof input}`);
  if (list.length > maxQueued) throw new Error(`${where}: at most ${maxQueued} scenarios are queued at once, not ${list.length}`);
  return list.map((scenario, index) => checkScenario(scenario, Array.isArray(input) ? `${where}[${index}]` : where));
}

function checkScenario(scenario: unknown, where: string): Scenario {
  if (!isObject(scenario)) throw new Error(`${where}: must be an object, not ${scenario === null ? 'null' : Array.isArray(scenario) ? 'an array' : typeof scenario}`);
  for (const key of Object.keys(scenario)) if (!keys.includes(key)) throw new Error(`${where}.${key}: is not allowed (a scenario has ${keys.join(', ')})`);
  const { operationId, method, user, times, delayMs, fault, status, example } = scenario;
  const operation: OperationFact | undefined = typeof operationId === 'string' ? operationNamed(operationId) : undefined;
  if (operationId !== undefined) {
    if (operation === undefined) {
      throw new Error(`${where}.operationId: ${JSON.stringify(operationId)} is no operation of this API; it has ${operations.map((o) => o.name).join(', ')}`);
    }
  }
  if (method !== undefined && !(typeof method === 'string' && methods.includes(method.toUpperCase()))) throw new Error(`${where}.method: must be one of ${methods.join(', ')}`);
  if (operation && typeof method === 'string' && method.toUpperCase() !== operation.method.toUpperCase() && !(method.toUpperCase() === 'HEAD' && operation.method === 'get')) {
    throw new Error(`${where}.method: ${operation.name} is ${operation.method.toUpperCase()}, never ${method.toUpperCase()}: the scenario would never apply`);
  }
  if (user !== undefined && (typeof user !== 'string' || user === '' || user.includes(':'))) throw new Error(`${where}.user: must be a user name (not empty, no colon)`);
  if (times !== undefined && !(typeof times === 'number' && Number.isInteger(times) && times >= 1 && times <= maxTimes))
    throw new Error(`${where}.times: must be a whole number from 1 to ${maxTimes}`);
  if (delayMs !== undefined && !isDelayMs(delayMs)) throw new Error(`${where}.delayMs: ${delayRule}`);
  if (fault !== undefined && fault !== 'drop' && !(typeof fault === 'number' && Number.isInteger(fault) && fault >= 500 && fault <= 599))
    throw new Error(`${where}.fault: must be a server error status (500 to 599) or "drop"`);
  if (status !== undefined && !(typeof status === 'number' && Number.isInteger(status))) throw new Error(`${where}.status: must be a status number`);
  if (example !== undefined && (typeof example !== 'string' || example === '')) throw new Error(`${where}.example: must be the name of one of the operation's examples`);
  if (fault !== undefined && (status !== undefined || example !== undefined)) throw new Error(`${where}: a fault and a documented answer (status, example) exclude each other`);
  if ((status !== undefined || example !== undefined) && !operation) throw new Error(`${where}: status and example need operationId (they are the operation's documented answers)`);
  if (operation && (status !== undefined || example !== undefined)) {
    const choice = chooseResponse(preferTarget(operation), preferOf(status as number | undefined, example as string | undefined));
    if ('problem' in choice) throw new Error(`${where}: ${choice.problem.replace(/^Prefer: /, '')}`);
  }
  if (delayMs === undefined && fault === undefined && status === undefined && example === undefined) throw new Error(`${where}: says nothing to do: give delayMs, fault, status or example`);
  return scenario as Scenario;
}

const preferOf = (status: number | undefined, example: string | undefined) => [status !== undefined && `code=${status}`, example !== undefined && `example=${example}`].filter(Boolean).join(', ');

/** What the scenario does, in words, for the journal: `createAuthorization by octocat: fault 502 (1 of 2)`. */
function describe(scenario: QueuedScenario, use: number): string {
  const who =
    [scenario.method?.toUpperCase(), scenario.operationId && (operationNamed(scenario.operationId)?.name ?? scenario.operationId), scenario.user && `by ${scenario.user}`].filter(Boolean).join(' ') ||
    'any request';
  const what = [
    scenario.delayMs !== undefined && `delay ${scenario.delayMs} ms`,
    scenario.fault !== undefined && `fault ${scenario.fault}`,
    (scenario.status !== undefined || scenario.example !== undefined) && `Prefer: ${preferOf(scenario.status, scenario.example)}`,
  ]
    .filter(Boolean)
    .join(', ');
  const times = scenario.times ?? 1;
  return `scenario ${scenario.id} (${who}): ${what}${times > 1 ? ` (${use} of ${times})` : ''}`;
}

export class ScenarioQueue {
  private queue: QueuedScenario[] = [];
  private lastId = 0;
  private readonly initial: Scenario[];

  constructor(initial: Scenario[] = []) {
    this.initial = structuredClone(initial);
    this.add(this.initial);
  }

  get size(): number {
    return this.queue.length;
  }

  /** Appends checked scenarios. */
  add(scenarios: readonly Scenario[]): void {
    if (this.queue.length + scenarios.length > maxQueued) throw new Error(`scenarios: at most ${maxQueued} are queued at once; ${this.queue.length} are`);
    for (const scenario of scenarios) this.queue.push({ ...structuredClone(scenario), id: ++this.lastId, remaining: scenario.times ?? 1 });
  }

  /** The queue, in order (copies). */
  list(): QueuedScenario[] {
    return structuredClone(this.queue);
  }

  clear(): void {
    this.queue = [];
  }

  /** Back to the scenarios the simulator started with, all unused. */
  restore(): void {
    this.queue = [];
    this.add(this.initial);
  }

  /**
   * Uses the first scenario that matches (one use of it), or undefined. `operation` is the
   * request's (undefined for a path that is no operation), `user` its Basic user name.
   */
  take(method: string, operation: OperationFact | undefined, user: string | undefined): ScenarioUse | undefined {
    const upper = method.toUpperCase();
    const index = this.queue.findIndex(
      (scenario) =>
        (scenario.method === undefined || scenario.method.toUpperCase() === upper) &&
        (scenario.operationId === undefined || (operation !== undefined && operationNamed(scenario.operationId) === operation)) &&
        (scenario.user === undefined || scenario.user === user),
    );
    if (index < 0) return undefined;
    const scenario = this.queue[index]!;
    scenario.remaining--;
    if (scenario.remaining === 0) this.queue.splice(index, 1);
    const prefer = preferOf(scenario.status, scenario.example);
    return {
      id: scenario.id,
      description: describe(scenario, (scenario.times ?? 1) - scenario.remaining),
      ...(scenario.delayMs !== undefined && { delayMs: scenario.delayMs }),
      ...(scenario.fault !== undefined && { fault: scenario.fault }),
      ...(prefer !== '' && { prefer }),
    };
  }
}
