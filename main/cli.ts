// The `framelens` command line: import articles, list them, tag passages, export, and serve the web
// interface, all over the same services the app uses. Each command lives in main/cli/<name>.ts and is
// loaded only when called, so start-up stays quick.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './services/package-root.ts';
import { AppError } from './services/errors.ts';
import { fromSqliteError } from './services/sqlite-errors.ts';
import { CliError, UsageError } from './cli/common.ts';

type Command = { summary: string; load: () => Promise<{ help: string; run(argv: string[]): Promise<number> }> };

const commands: Record<string, Command> = {
  import: { summary: 'import article files (plain text or Markdown) into a project', load: () => import('./cli/import.ts') },
  articles: { summary: 'list the articles, or search them', load: () => import('./cli/articles.ts') },
  tags: { summary: 'show the codebook as a tree', load: () => import('./cli/tags.ts') },
  tag: { summary: 'tag a quoted passage of an article', load: () => import('./cli/tag.ts') },
  entities: { summary: 'list the people, places and organisations mentioned, or detect them again', load: () => import('./cli/entities.ts') },
  vars: { summary: 'article variables: list, add, set for many articles, import from CSV, export', load: () => import('./cli/vars.ts') },
  compare: { summary: 'compare tags across groups: prevalence, crosstab with chi-square, distinctive words', load: () => import('./cli/compare.ts') },
  crosstab: { summary: 'group × tag crosstab of articles with chi-square, V and residuals', load: () => import('./cli/crosstab.ts') },
  agreement: { summary: 'how far coders agree: percent agreement, kappa, Krippendorff’s alpha per tag', load: () => import('./cli/agreement.ts') },
  copies: { summary: 'find families of near-duplicate articles: the same wire story in several outlets', load: () => import('./cli/copies.ts') },
  sample: { summary: 'draw a reliability sample of articles, mark it, or save it as a project for a colleague', load: () => import('./cli/sample.ts') },
  merge: { summary: 'bring a colleague’s project file into this one, keeping your work where the two differ', load: () => import('./cli/merge.ts') },
  export: { summary: 'export the annotations as CSV, or a code or co-occurrence matrix', load: () => import('./cli/export.ts') },
  serve: { summary: 'open Framelens in your web browser', load: () => import('./cli/serve.ts') },
  detect: { summary: 'find names of people, places and organisations in text', load: () => import('./cli/detect.ts') },
};

function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function overview(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const list = Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `Framelens: framing analysis of news articles, offline.

Usage: framelens <command> [options]

Commands:
${list}

Every command takes --db FILE to choose the project file; without it, your default project is used.
Run \`framelens <command> --help\` for a command's options.

Options:
  --help, -h     show this help
  --version, -v  show the version
`;
}

/** --help anywhere before `--` asks for the command's help rather than running it. */
const wantsHelp = (argv: string[]) => {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic === undefined || !Object.hasOwn(commands, topic)) {
      if (name === undefined) {
        process.stderr.write(overview());
        return 2;
      }
      process.stdout.write(overview());
      return 0;
    }
    return runCli([topic, '--help']);
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`framelens ${version()}\n`);
    return 0;
  }
  if (!Object.hasOwn(commands, name)) {
    throw new UsageError('', `There is no command ${JSON.stringify(name)}. Commands: ${Object.keys(commands).join(', ')}.`);
  }
  const command = await commands[name]!.load();
  if (wantsHelp(rest)) {
    process.stdout.write(command.help);
    return 0;
  }
  return command.run(rest);
}

/** Turns any failure into one line on stderr and an exit code; a stack only with FRAMELENS_DEBUG=1. */
export function reportError(error: unknown): number {
  if (process.env.FRAMELENS_DEBUG && error instanceof Error) console.error(error.stack);
  if (error instanceof UsageError) {
    const help = error.command ? `framelens ${error.command} --help` : 'framelens --help';
    process.stderr.write(`framelens${error.command ? ` ${error.command}` : ''}: ${error.message}\nRun \`${help}\` for usage.\n`);
    return 2;
  }
  const known = error instanceof AppError || error instanceof CliError ? error : fromSqliteError(error);
  if (known) {
    process.stderr.write(`framelens: ${known.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`framelens: an unexpected problem stopped the command: ${message}\n(Set FRAMELENS_DEBUG=1 to see the details.)\n`);
  return 1;
}

export async function main(argv: string[]): Promise<void> {
  // `framelens export csv | head` closes the pipe early; that is not an error worth reporting.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    else throw error;
  });
  process.on('uncaughtException', (error) => process.exit(reportError(error)));
  process.on('unhandledRejection', (error) => process.exit(reportError(error)));
  try {
    process.exitCode = await runCli(argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}
