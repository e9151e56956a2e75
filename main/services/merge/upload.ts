// A project file uploaded to the web host for merging: written to a private temporary folder, merged
// from there like a file on disk, and deleted whatever happens.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../db/connection.ts';
import { invalid } from '../errors.ts';
import { mergeProject, type MergeReport } from './merge.ts';
import type { MergeServices } from './plan.ts';

export function mergeUpload(db: Db, services: MergeServices, input: { fileName: string; dataBase64: string; dryRun?: boolean }): MergeReport {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.dataBase64)) throw invalid(`${input.fileName} did not arrive intact (its data is not base64).`);
  const bytes = Buffer.from(input.dataBase64, 'base64');
  const dir = mkdtempSync(join(tmpdir(), 'framelens-merge-'));
  try {
    // The name only labels the report; the copy has a fixed name of its own in its private folder.
    const path = join(dir, 'upload.framelens');
    writeFileSync(path, bytes, { mode: 0o600 });
    const report = mergeProject(db, services, path, { dryRun: input.dryRun });
    return { ...report, path: input.fileName };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
