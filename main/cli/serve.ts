// framelens serve: runs the web host on this computer and opens Framelens in the browser.
import { spawn } from 'node:child_process';
import { startServer } from '../http/server.ts';
import { CliError, parseCommand, UsageError } from './common.ts';
import { dbHelp, openForCommand } from './project.ts';

export const help = `Usage: framelens serve [options]

Opens Framelens in your web browser, working on a project file on this computer. The address it
prints holds a one-time access key: open that address (not just the host and port). Stop with Ctrl-C.

Options:
  ${dbHelp}
                    (a new file is created if FILE does not exist)
  --port N          the port to listen on (default: any free port)
  --host H          the address to listen on (default 127.0.0.1, this computer only)
  --read-only       open the project without letting anyone change it (a file that cannot be
                    written opens this way by itself)
  --no-open         print the address without opening a browser
  --help            show this help
`;

const options = {
  db: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'no-open': { type: 'boolean' },
  'read-only': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Opens the address in the default browser; a missing or failing opener is not an error. */
function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // The address is printed; the analyst can open it by hand.
  }
}

function readPort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError('serve', `--port takes a number from 0 to 65535, not ${JSON.stringify(value)}.`);
  return port;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand('serve', argv, options);
  if (positionals.length) throw new UsageError('serve', `unexpected ${JSON.stringify(positionals[0])}.`);
  const port = readPort(values.port);
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('serve', '--host needs an address.');

  const readOnly = values['read-only'] === true;
  const project = openForCommand('serve', values.db, { create: !readOnly, detectOnImport: true, readOnly });
  let server;
  try {
    server = await startServer({ project, host, port });
  } catch (error) {
    project.close();
    // Listening can fail for reasons the analyst can fix (a port in use); startServer words them.
    throw new CliError(error instanceof Error ? error.message : String(error));
  }

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    process.stderr.write('\nStopping Framelens…\n');
    void server.close().finally(() => {
      project.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);

  if (!server.hasRenderer) {
    process.stderr.write(`Warning: the web interface has not been built (no ${server.staticDir}/index.html). Run \`npm run build:renderer\` first.\n`);
  }
  process.stdout.write(`Framelens is serving ${project.path}${project.readOnly ? ' (read-only)' : ''}\nOpen ${server.url}\nPress Ctrl-C to stop.\n`);
  if (!values['no-open']) openBrowser(server.url);
  // Keep running until a signal arrives.
  return new Promise<number>(() => {});
}
