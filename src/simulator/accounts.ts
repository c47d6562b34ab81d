// The accounts and the credential check: which users have a password or two-factor authentication
// configured, checked whole before anything changes, and the 401 GitHub answers to credentials
// that are not the account's. Any user name with a non-empty password works unless configured here.
import type { Answer } from './answer.js';
import { checkDistinct, checkUserName, describeValue, isObject } from './data.js';
import { bodies } from './errors.js';
import { masked } from './journal.js';
import { userKey } from './model.js';
import { basicChallenge } from './request-checks.js';
import { fieldPath } from '../validation.js';

/** An account's configuration: see index.ts's `SimulatorOptions.accounts`. */
export interface AccountConfig {
  password?: string;
  otp?: { code: string; channel?: 'app' | 'sms' };
}

/** `config` as an account's configuration, or an Error naming its first problem (`where` prefixes the field). */
export function checkAccountConfig(config: unknown, where: string): AccountConfig {
  if (!isObject(config)) throw new Error(`${where}: must be an object with password and/or otp, not ${describeValue(config)}`);
  for (const key of Object.keys(config)) if (key !== 'password' && key !== 'otp') throw new Error(`${where}.${key}: is not allowed (an account has password and otp)`);
  if (config.password !== undefined && (typeof config.password !== 'string' || config.password === '')) throw new Error(`${where}.password: must be a non-empty string`);
  if (config.otp !== undefined) {
    const { otp } = config;
    if (!isObject(otp)) throw new Error(`${where}.otp: must be an object with code and optional channel, not ${describeValue(otp)}`);
    for (const key of Object.keys(otp)) if (key !== 'code' && key !== 'channel') throw new Error(`${where}.otp.${key}: is not allowed (otp has code and channel)`);
    if (typeof otp.code !== 'string' || otp.code === '') throw new Error(`${where}.otp.code: must be a non-empty string`);
    if (!/^[\x21-\x7e]+$/.test(otp.code)) throw new Error(`${where}.otp.code: must be printable ASCII without spaces (it travels in the X-GitHub-OTP header)`);
    if (otp.channel !== undefined && otp.channel !== 'app' && otp.channel !== 'sms') throw new Error(`${where}.otp.channel: must be "app" or "sms"`);
  }
  return config as AccountConfig;
}

/** `accounts` as a map of user name → account, or an Error naming its first problem. */
export function checkAccounts(accounts: unknown): Record<string, AccountConfig> {
  if (!isObject(accounts)) throw new Error(`the accounts must be an object of user names, not ${describeValue(accounts)}`);
  const seen = new Map<string, string>();
  for (const [user, config] of Object.entries(accounts)) {
    checkUserName(user, "the accounts' user name");
    checkDistinct(seen, user, "the accounts' user name");
    checkAccountConfig(config, fieldPath(user, ''));
  }
  return accounts as Record<string, AccountConfig>;
}

/** The credential check: undefined when the password (and one-time code) are the account's, else the 401 GitHub answers. */
export function credentialRefusal(account: AccountConfig | undefined, password: string, otp: string | null): Answer | undefined {
  if (!account) return undefined;
  if (account.password !== undefined && account.password !== password) {
    return { status: 401, body: bodies.badCredentials(), headers: { 'www-authenticate': basicChallenge }, reason: "the password is not the account's" };
  }
  if (account.otp && otp?.trim() !== account.otp.code) {
    return {
      status: 401,
      body: bodies.otpRequired(),
      headers: { 'x-github-otp': `required; ${account.otp.channel ?? 'app'}`, 'www-authenticate': basicChallenge },
      reason: otp === null ? 'the account has two-factor authentication and X-GitHub-OTP is missing' : "X-GitHub-OTP is not the account's code",
    };
  }
  return undefined;
}

/** The configured accounts, by `userKey` (GitHub's logins are case-insensitive), and what a full reset puts back. */
export class Accounts {
  private readonly byUser = new Map<string, AccountConfig>();
  private readonly initial: ReadonlyMap<string, AccountConfig>;

  /** `configured` is checked (checkAccounts): an Error naming the bad field otherwise. */
  constructor(configured: unknown = {}) {
    this.initial = new Map(Object.entries(checkAccounts(configured)).map(([user, config]) => [userKey(user), config]));
    this.restart();
  }

  get(user: string): AccountConfig | undefined {
    return this.byUser.get(userKey(user));
  }

  /** Adds or changes an account, checked first; `undefined` removes its configuration. */
  set(user: string, config: unknown): void {
    checkUserName(user);
    if (config === undefined) this.byUser.delete(userKey(user));
    else this.byUser.set(userKey(user), checkAccountConfig(config, user));
  }

  /** The 401 for credentials that are not the user's account's, or undefined. */
  refusal(user: string, password: string, otp: string | null): Answer | undefined {
    return credentialRefusal(this.get(user), password, otp);
  }

  /** The accounts, passwords and one-time codes masked. */
  masked(): Record<string, AccountConfig> {
    return Object.fromEntries([...this.byUser].map(([user, config]) => [user, maskAccount(config)]));
  }

  /** Back to the accounts the simulator started with. */
  restart(): void {
    this.byUser.clear();
    for (const [user, config] of this.initial) this.byUser.set(user, config);
  }
}

/** An account as read back: its password and one-time code masked. */
function maskAccount(config: AccountConfig): AccountConfig {
  return {
    ...(config.password !== undefined && { password: masked }),
    ...(config.otp && { otp: { ...config.otp, code: masked } }),
  };
}
