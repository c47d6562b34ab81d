// The Host header: one that is no host gets 400 (RFC 9112), and one that names no host this server
// answers to gets 403 (against DNS rebinding).
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

// RFC 9110's uri-host (a bracketed IP literal, or a name or IPv4 address) and an optional port.
const hostValue = /^(\[[\dA-Fa-f:.]+\]|[\w.~!$&'()*+,;=%-]*)(:\d*)?$/;

/**
 * The 400 body RFC 9112 requires for an HTTP/1.1 request without Host, and for any request with
 * two Host headers or a Host that is no host (Node accepts all three); undefined when Host is fine.
 */
export function hostProblem(request: IncomingMessage): { message: string } | undefined {
  // From rawHeaders, as headersDistinct reads them (which would copy every header into arrays for this one).
  const hosts: string[] = [];
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.length === 4 && raw[i]!.toLowerCase() === 'host') hosts.push(raw[i + 1]!);
  if (hosts.length === 0) return request.httpVersion === '1.1' ? { message: 'Bad Request: an HTTP/1.1 request needs a Host header' } : undefined;
  if (hosts.length > 1) return { message: `Bad Request: ${hosts.length} Host headers (${hosts.map((host) => JSON.stringify(host)).join(', ')}); a request has one` };
  if (!hostValue.test(hosts[0]!)) return { message: `Bad Request: Host ${JSON.stringify(hosts[0])} is not a host name or address with an optional port` };
  return undefined;
}

// Against DNS rebinding (a page on attacker.example, its name made to resolve to 127.0.0.1, reaches
// the server with `Host: attacker.example`), as Vite's and webpack-dev-server's `allowedHosts` do:
// the server answers only Host names that cannot be an attacker's: localhost, *.localhost (RFC
// 6761 keeps them on this machine), IP literals (a rebinding page has a name), the name it was
// started on, and the names given with --allowed-hosts. A request with no Host (HTTP/1.0) is no
// browser's and is answered.
const allowedHostName = /^\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

/** Host names answered besides localhost, *.localhost and IP addresses: exact names, and suffixes (`.example.test`). */
export interface HostAllowList {
  names: Set<string>;
  suffixes: string[];
}

/**
 * The host allow-list: `names` as given to --allowed-hosts (`.example.test` also allows its
 * subdomains), checked; throws an Error naming `where` for one that is no host name.
 */
export function hostAllowList(names: readonly string[] = [], where = '--allowed-hosts'): HostAllowList {
  const list: HostAllowList = { names: new Set(), suffixes: [] };
  for (const given of names) {
    const name = given.trim().toLowerCase().replace(/\.$/, '');
    // An address (a listening host such as 0.0.0.0 or ::) is answered anyway.
    if (isIP(name.replace(/^\[(.*)\]$/, '$1'))) continue;
    if (name.length > 253 || !allowedHostName.test(name)) throw new Error(`${where}: ${JSON.stringify(given)} is not a host name (e.g. my-alias.test, or .example.test for it and its subdomains)`);
    if (name.startsWith('.')) list.suffixes.push(name);
    list.names.add(name.replace(/^\./, ''));
  }
  return list;
}

/** A Host's name that is an address: `[v6]` (hostValue admits only hex digits, colons and dots there) or dotted IPv4. */
function isIpLiteral(name: string): boolean {
  return name.startsWith('[') || isIP(name) === 4;
}

/** No names besides localhost, *.localhost and IP addresses. */
export const defaultHosts = hostAllowList();

/** The 403 body for a Host the server does not answer (see hostAllowList), or undefined. */
export function hostRefusal(request: Pick<IncomingMessage, 'headers'>, list: HostAllowList = defaultHosts): { message: string } | undefined {
  const host = request.headers.host;
  if (!host) return undefined;
  const name = (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '')).toLowerCase().replace(/\.$/, '');
  if (name === '' || name === 'localhost' || name.endsWith('.localhost') || isIpLiteral(name)) return undefined;
  if (list.names.has(name) || list.suffixes.some((suffix) => name.endsWith(suffix))) return undefined;
  return {
    message: `Forbidden: Host ${JSON.stringify(host)} is not a name this server answers to (against DNS rebinding it answers localhost, *.localhost, IP addresses${list.names.size > 0 ? `, ${[...list.names].join(', ')}` : ''}); to use this name, start it with --allowed-hosts ${name} (the allowedHosts option)`,
  };
}
