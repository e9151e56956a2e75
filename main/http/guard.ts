// Who may talk to the web host. Only pages served by this host (same Host, same Origin) holding this
// launch's token reach the API: that stops other websites (including DNS-rebinding ones) and other
// local users' browsers from reading or changing the project.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time check of `Authorization: Bearer TOKEN` (hashing first makes the lengths equal). */
export function hasToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(token));
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '';

/** `host:port` as it appears in a Host header, with brackets around IPv6 literals. */
export function hostPort(host: string, port: number): string {
  const bare = host.replace(/^\[|\]$/g, '');
  return (bare.includes(':') ? `[${bare}]` : bare).toLowerCase() + `:${port}`;
}

/**
 * Every Host header value that names this server. Loopback names always; the bound address when it is
 * not loopback; every local interface address when bound to all of them.
 */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '::1']);
  if (isWildcard(boundHost)) {
    for (const list of Object.values(networkInterfaces())) {
      for (const info of list ?? []) names.add(info.address);
    }
  } else {
    names.add(boundHost);
  }
  const hosts = new Set([...names].map((name) => hostPort(name, port)));
  // Browsers leave the default port out of Host and Origin.
  if (port === 80) for (const name of names) hosts.add(hostPort(name, port).replace(/:80$/, ''));
  return hosts;
}

export type GuardFailure = { status: 403; message: string };

/** Checks Host and, when the browser sent one, Origin. Returns why the request is refused, or null. */
export function checkHostAndOrigin(req: IncomingMessage, hosts: Set<string>): GuardFailure | null {
  const host = req.headers.host?.toLowerCase();
  if (!host || !hosts.has(host)) {
    return { status: 403, message: 'This Framelens host answers only requests addressed to itself; open the address that `framelens serve` printed.' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let ok = false;
    try {
      const url = new URL(origin);
      ok = url.protocol === 'http:' && url.pathname === '/' && hosts.has(url.host.toLowerCase());
    } catch {
      ok = false;
    }
    if (!ok) return { status: 403, message: 'Requests from other websites are refused by the Framelens host.' };
  }
  return null;
}
