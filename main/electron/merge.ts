// File › Merge Project…: choose a colleague's project file, see what a merge would bring in, and merge it
// into the open project. The merge itself is the service `framelens merge` uses; this is only dialogs.
import path from 'node:path';
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { Project } from '../services/project.ts';
import { mergeProject } from '../services/merge/merge.ts';
import { reportLines, type MergeReport } from '../services/merge/report.ts';
import { messageOf } from './project-session.ts';

const SHOWN = 12;

function details(report: MergeReport): string {
  const lines = reportLines(report).map(([what, outcome]) => `${what}: ${outcome}`);
  const list = (items: string[], title: string) => {
    if (!items.length) return;
    lines.push('', title, ...items.slice(0, SHOWN).map((i) => `• ${i}`));
    if (items.length > SHOWN) lines.push(`… and ${items.length - SHOWN} more (framelens merge --dry-run lists them all).`);
  };
  list(report.conflicts, "Conflicts (this project's version is kept):");
  list(report.notes, 'Notes:');
  return lines.join('\n');
}

/** Returns true when something was merged, so the window reloads what it shows. */
export async function mergeFromMenu(owner: BrowserWindow | undefined, project: Project, filters: OpenDialogOptions['filters']): Promise<boolean> {
  const options: OpenDialogOptions = { title: 'Merge a Framelens project into this one', buttonLabel: 'Choose', filters, properties: ['openFile'] };
  const choice = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  const file = choice.filePaths[0];
  if (choice.canceled || !file) return false;
  try {
    const preview = mergeProject(project.db, project.services, file, { dryRun: true });
    const ask = {
      type: 'question' as const,
      title: 'Merge project',
      message: `Merge ${path.basename(file)} into ${path.basename(project.path)}?`,
      detail: `${details(preview)}\n\nThe other file is only read. Nothing in this project is overwritten.`,
      buttons: ['Merge', 'Cancel'],
      defaultId: 0,
      cancelId: 1,
    };
    const answer = owner ? await dialog.showMessageBox(owner, ask) : await dialog.showMessageBox(ask);
    if (answer.response !== 0) return false;
    const report = mergeProject(project.db, project.services, file);
    const done = { type: 'info' as const, title: 'Merged', message: `Merged ${path.basename(file)}.`, detail: details(report) };
    if (owner) await dialog.showMessageBox(owner, done);
    else await dialog.showMessageBox(done);
    return true;
  } catch (error) {
    dialog.showErrorBox('Framelens could not merge this project', `${file}\n\n${messageOf(error)}`);
    return false;
  }
}
