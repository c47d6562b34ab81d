// ghes-oauth-authorizations/server: the simulator over HTTP, started and stopped from a test
// runner or a script (Node), as `npx ghes-oauth-authorizations mock` serves it:
//   const mock = await startMock({ accounts: { mona: { otp: { code: '123456' } } } });
//   … fetch(`${mock.url}/api/v3/authorizations`) …, mock.simulator.reset(), …
//   await mock.stop();
import type { Simulator, SimulatorOptions } from '../simulator/index.js';
import { startMockServer } from './start-mock.js';

export type { AccountConfig, Clock, ClockChange, ClockState, FaultConfig, Simulator, SimulatorData, SimulatorOptions } from '../simulator/index.js';

export interface StartMockOptions extends SimulatorOptions {
  /** 0 (the default): a free port; `url` says which. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Host names answered besides localhost, *.localhost, IP addresses and `host` (against DNS rebinding). */
  allowedHosts?: string[];
  /** How long a client that floods its connection with pipelined requests and does not read its answers keeps it, in ms (default 5,000). */
  floodGraceMs?: number;
  /**
   * Keep the state in this JSON file: loaded at start when it exists (a corrupt or foreign file
   * makes startMock reject, naming it, and is left as it is), written after each change and by
   * `stop()`. When it exists, it wins over `data`.
   */
  stateFile?: string;
  /** Serve this simulator (e.g. one MSW handlers share) instead of a new one; then give none of its options. */
  simulator?: Simulator;
  /** Log each request with the simulator's reason for its answer. */
  verbose?: boolean;
  /** Where the verbose log goes (default console.log). */
  log?: (line: string) => void;
}

export interface StartedMock {
  /** e.g. http://127.0.0.1:40123 (the API is there and under /api/v3). */
  url: string;
  /** The simulator the server runs: reset(), load(), state(), setAccount(), setFaults(), clock. */
  simulator: Simulator;
  /** Closes the server and its connections, then writes the state file (if any) a last time. */
  stop(): Promise<void>;
}

/** Starts the simulator over HTTP; rejects with an Error naming the bad option, or the port that is taken. */
export function startMock(options: StartMockOptions = {}): Promise<StartedMock> {
  return startMockServer(options);
}
