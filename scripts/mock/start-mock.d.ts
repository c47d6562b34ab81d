// The types of start-mock.js, for test runners written in TypeScript.
import type { AccountConfig, FaultConfig, Simulator, SimulatorData } from '../../src/simulator/index.js';

export interface StartMockOptions {
  /** 0 (the default): a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  accounts?: Record<string, AccountConfig>;
  data?: SimulatorData;
  faults?: FaultConfig;
  /** Contract-strict request bodies (see SimulatorOptions.strict). */
  strict?: boolean;
  /** Log each request with the simulator's reason for its answer. */
  verbose?: boolean;
  /** Where the verbose log goes (default console.log). */
  log?: (line: string) => void;
}

export interface StartedMock {
  /** e.g. http://127.0.0.1:40123 (the API is there and under /api/v3). */
  url: string;
  /** The simulator the server runs: reset(), load(), state(), setAccount(), setFaults(). */
  simulator: Simulator;
  /** Closes the server and its connections. */
  stop(): Promise<void>;
}

export function startMock(options?: StartMockOptions): Promise<StartedMock>;
