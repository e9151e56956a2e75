// The web host: Framelens in a browser. Serves the built renderer and POST /api/<method> for the
// renderer's API client, on loopback by default, guarded by a per-launch token (see guard.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { AsyncDispatch } from '../api/dispatch.ts';
import { handleApi, MAX_BODY_BYTES } from './api.ts';
import { allowedHosts, hostPort, isLoopbackHost, newToken } from './guard.ts';
import { pathOf, refusalFor, refuse } from './refusals.ts';
import { sendError, setSecurityHeaders } from './respond.ts';
import { handleStatic } from './static.ts';
import { packageRoot } from '../services/package-root.ts';

/** Framelens's own folder: a relative staticDir is taken from here, not from the shell's directory. */
const appRoot = packageRoot();

export type ServerOptions = {
  project: { dispatchAsync: AsyncDispatch };
  host?: string;
  port?: number;
  staticDir?: string;
  /** Largest API request body in bytes. */
  maxBodyBytes?: number;
  /** Where warnings and unexpected errors go. */
  log?: (message: string) => void;
};

export type RunningServer = {
  /** The address to open, token in the fragment so it never reaches a server log or Referer. */
  url: string;
  token: string;
  port: number;
  host: string;
  staticDir: string;
  /** True when the renderer has been built (staticDir holds index.html). */
  hasRenderer: boolean;
  close(): Promise<void>;
};

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const staticDir = resolve(isAbsolute(options.staticDir ?? '') ? options.staticDir! : join(appRoot, options.staticDir ?? 'dist/renderer'));
  const log = options.log ?? ((message: string) => console.error(message));
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const token = newToken();
  const { dispatchAsync } = options.project;
  let hosts = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req);
    if (path.startsWith('/api/')) await handleApi(req, res, path.slice('/api/'.length), dispatchAsync, limit);
    else await handleStatic(req, res, staticDir, path);
  };

  /** Refuses from the headers when it can (see refusals.ts); invites the body only when it is wanted. */
  const answer = (req: IncomingMessage, res: ServerResponse, expectsContinue: boolean) => {
    setSecurityHeaders(res);
    const refusal = refusalFor(req, { hosts, token, limit });
    if (refusal) {
      refuse(req, res, refusal);
      return;
    }
    if (expectsContinue) res.writeContinue();
    handle(req, res).catch((error: unknown) => {
      log(`Framelens web host: unexpected problem answering ${req.method} ${pathOf(req)}: ${error instanceof Error ? error.message : String(error)}`);
      if (res.headersSent) res.destroy();
      else sendError(res, 500, 'INTERNAL', 'Framelens hit an unexpected problem; nothing was changed. Details are in the log.');
    });
  };

  const server = createServer((req, res) => answer(req, res, false));
  // Without this listener Node sends "100 Continue" to every `Expect: 100-continue` request, inviting
  // bodies the host is about to refuse.
  server.on('checkContinue', (req, res) => answer(req, res, true));
  // A malformed request must not take the host down; answer 400 and drop that connection only.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        rejectListen(new Error(`Port ${options.port} is already in use; choose another with --port, or leave it out to use a free one.`));
      else if (error.code === 'EACCES')
        rejectListen(new Error(`Framelens may not listen on ${host} port ${options.port} (permission denied); choose a port above 1023.`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') rejectListen(new Error(`${host} is not an address of this computer.`));
      else rejectListen(error);
    });
    server.listen(options.port ?? 0, host, () => resolveListen());
  });

  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  hosts = allowedHosts(host, port);

  if (!isLoopbackHost(host)) {
    log(
      `Warning: the Framelens web host is listening on ${host}, so other computers on the network can reach it. ` +
        'Anyone with the address and token can read and change this project. Use --host 127.0.0.1 unless you need this.',
    );
  }

  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `http://${hostPort(urlHost, port)}/#token=${token}`;

  return {
    url,
    token,
    port,
    host,
    staticDir,
    hasRenderer: existsSync(join(staticDir, 'index.html')),
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
