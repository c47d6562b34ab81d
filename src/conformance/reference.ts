// The reference the kit compares a target with: this package's simulator, in this process (no port,
// no server). The one place the kit reaches the simulator, so that when the simulator's entry
// changes (a `./server` export, new options) only this file follows.
import { listAuthorizations200 } from '../../generated/examples.js';
import type { Authorization } from '../../generated/schema.js';
import { createSimulator, type Simulator } from '../simulator/index.js';

/** The reference's origin: no request leaves the process, so any name works; this one says what it is. */
export const referenceBase = 'http://reference.invalid/api/v3';

export interface Reference {
  base: string;
  send(request: Request): Promise<Response>;
  /** Gives `user` a password and, when the target challenged, two-factor authentication with `otpCode` on `channel`. */
  configure(user: string, password: string, twoFactor: { code: string; channel: 'app' | 'sms' } | undefined): void;
  /** Starts `user` with `count` authorizations that are not the kit's, as the target has: its pages then have the target's Link. */
  mirror(user: string, count: number): void;
  simulator: Simulator;
}

export function createReference(): Reference {
  const simulator = createSimulator();
  return {
    base: referenceBase,
    simulator,
    send: (request) => simulator.handle(request),
    configure(user, password, twoFactor) {
      simulator.setAccount(user, { password, ...(twoFactor && { otp: twoFactor }) });
    },
    mirror(user, count) {
      simulator.load({ [user]: { authorizations: placeholders(count) } });
    },
  };
}

/** `count` personal tokens, ids 1…count, as a data set holds them. */
function placeholders(count: number): Authorization[] {
  const template = listAuthorizations200[0]!;
  return Array.from({ length: count }, (_, index) => ({
    ...structuredClone(template),
    id: index + 1,
    url: `${referenceBase}/authorizations/${index + 1}`,
    token: '',
    note: `not the kit's ${index + 1}`,
    app: { ...template.app, name: `not the kit's ${index + 1}` },
  }));
}
