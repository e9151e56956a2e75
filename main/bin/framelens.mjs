#!/usr/bin/env node
// The `framelens` command. Registers tsx so the TypeScript sources run as they are, then hands over to
// the CLI. Kept tiny: scripts (such as an entity-detection pipeline) may start it many times.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Framelens's own tsconfig, not whatever one sits in the directory the command is run from.
const tsconfig = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));
register({ tsconfig: existsSync(tsconfig) ? tsconfig : false });

const { main } = await import('../cli.ts');
await main(process.argv.slice(2));
