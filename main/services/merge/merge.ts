// Merging a colleague's project file into the open project: their articles, codebook, variables,
// codes and entity curation come in beside this project's own work, which a merge never overwrites.
// The other file is only read. The merge is planned and written inside one write transaction, so a
// failure leaves this project exactly as it was; a dry run plans inside a read transaction and writes
// nothing, and reports what the real run would do.
import { writeTransaction, type Db } from '../../../db/connection.ts';
import { AppError } from '../errors.ts';
import { applyMerge } from './apply.ts';
import { planMerge, type MergeServices } from './plan.ts';
import type { MergeReport } from './report.ts';
import { readSourceProject } from './open-other.ts';

export type { MergeReport } from './report.ts';

export type MergeOptions = {
  /** Work out and report everything, write nothing. */
  dryRun?: boolean;
  /** How long reading the other file waits behind a program holding it locked (default 5 s). */
  busyTimeoutMs?: number;
};

export function mergeProject(db: Db, services: MergeServices, otherPath: string, options: MergeOptions = {}): MergeReport {
  if (!options.dryRun && db.readonly)
    throw new AppError('READ_ONLY', 'This project is open read-only, so nothing can be merged into it. Try --dry-run to see what a merge would bring.');
  // Read whole before this project is locked: the write lock is held only while planning and writing.
  const source = readSourceProject(otherPath, db, { busyTimeoutMs: options.busyTimeoutMs });
  if (options.dryRun) return db.transaction(() => planMerge(db, services, source).report)();
  return writeTransaction(db, () => {
    const { report, plan } = planMerge(db, services, source);
    applyMerge(db, plan);
    return report;
  })();
}
