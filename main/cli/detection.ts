// Entity detection for commands that wait for it (import, entities detect), with progress on a terminal.
import type { Project } from '../services/project.ts';

export async function detectArticles(project: Project, articleIds: number[]): Promise<{ articles: number; mentions: number }> {
  // Loaded only when needed: the detector's word lists take a moment to read.
  const { createDetector } = await import('../services/entities/detect/index.ts');
  const { detectNow } = await import('../services/entities/queue.ts');
  const progress = Boolean(process.stderr.isTTY);
  const found = detectNow(project.services, createDetector(), articleIds, (done, total) => {
    if (progress) process.stderr.write(`\rDetecting entities: ${done} / ${total}`);
  });
  if (progress && articleIds.length > 0) process.stderr.write('\n');
  return found;
}

export const describeFound = (found: { articles: number; mentions: number }) =>
  `${found.mentions} entity mention${found.mentions === 1 ? '' : 's'} found in ${found.articles} article${found.articles === 1 ? '' : 's'}.`;
