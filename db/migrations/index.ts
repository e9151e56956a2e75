// Every migration in order. Append new ones; never change one that has shipped.
import * as m001 from './001-initial.ts';

export type Migration = { version: number; sql: string };

export const migrations: readonly Migration[] = [m001];

export const latestVersion = migrations[migrations.length - 1]!.version;
