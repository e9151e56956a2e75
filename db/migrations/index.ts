// Every migration in order. Append new ones; never change one that has shipped.
import * as m001 from './001-initial.ts';
import * as m002 from './002-entities.ts';
import * as m003 from './003-deleted-annotations.ts';
import * as m004 from './004-variables.ts';
import * as m005 from './005-coders.ts';
import * as m006 from './006-copies.ts';
import * as m007 from './007-entity-reasons-links.ts';

export type Migration = { version: number; sql: string };

export const migrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007];

export const latestVersion = migrations[migrations.length - 1]!.version;
