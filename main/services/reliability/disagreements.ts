// Disagreement review for one tag and two coders: the stretches they coded differently, and the
// adjudication of each into a consensus coder, kept apart from the coders' own work.
import type { Db } from '../../../db/connection.ts';
import { writeTransaction } from '../../../db/connection.ts';
import type { ArticleFilter } from '../../api/contract.ts';
import type { Disagreement } from '../../api/team-methods.ts';
import { conflict, invalid } from '../errors.ts';
import type { TagService } from '../tags.ts';
import type { VariableService } from '../variables/store.ts';
import type { CoderService } from '../coders/store.ts';
import type { AnnotationService } from '../annotations.ts';
import { gatherCoding, mergeSpans } from './units.ts';

type Deps = { tags: TagService; variables: VariableService; coders: CoderService };
type Passage = { id: number; tagId: number; start: number; end: number };

const overlaps = (p: { start: number; end: number }, s: { start: number; end: number }) => p.start < s.end && s.start < p.end;
const sameCoverage = (a: { start: number; end: number }[], b: { start: number; end: number }[]) =>
  a.length === b.length && a.every((s, i) => s.start === b[i]!.start && s.end === b[i]!.end);

export function listDisagreements(
  db: Db,
  deps: Deps,
  input: { coders: [string, string]; tagId: number; rollup?: boolean; filter?: ArticleFilter; limit?: number },
): { disagreements: Disagreement[]; total: number } {
  const [first, second] = input.coders;
  if (first === second) throw invalid('Disagreements are between two different coders.');
  const tag = deps.tags.get(input.tagId);
  const tagIds = new Set(input.rollup === false ? [tag.id] : deps.tags.subtree(tag.id));
  // The articles both coded; offsets below are the reader's (UTF-16), not code points.
  const { articles } = gatherCoding(db, deps, { coders: input.coders, filter: input.filter });
  const passagesOf = db.prepare('SELECT id, tag_id AS tagId, start, "end" FROM annotations WHERE article_id = ? AND annotator = ? ORDER BY start, "end", id');
  const articleRow = db.prepare('SELECT title, text FROM articles WHERE id = ?');
  const found: Disagreement[] = [];
  for (const { id: articleId } of articles) {
    const mine = passagesOf.all(articleId, first) as Passage[];
    const theirs = passagesOf.all(articleId, second) as Passage[];
    const a = mine.filter((p) => tagIds.has(p.tagId));
    const b = theirs.filter((p) => tagIds.has(p.tagId));
    if (a.length === 0 && b.length === 0) continue;
    // Stretches of text joined by overlapping passages of either coder; in each, compare the coverage.
    const clusters = mergeSpans([...a, ...b]);
    const { title, text } = articleRow.get(articleId) as { title: string; text: string };
    for (const cluster of clusters) {
      const inA = a.filter((p) => overlaps(p, cluster));
      const inB = b.filter((p) => overlaps(p, cluster));
      if (sameCoverage(mergeSpans(inA), mergeSpans(inB))) continue;
      const otherA = mine.filter((p) => !tagIds.has(p.tagId) && overlaps(p, cluster));
      const otherB = theirs.filter((p) => !tagIds.has(p.tagId) && overlaps(p, cluster));
      const kind: Disagreement['kind'] =
        inA.length && inB.length ? 'boundaries' : inA.length ? (otherB.length ? 'otherTag' : 'onlyFirst') : otherA.length ? 'otherTag' : 'onlySecond';
      found.push({
        articleId,
        articleTitle: title,
        start: cluster.start,
        end: cluster.end,
        quote: text.slice(cluster.start, cluster.end),
        kind,
        first: [...inA, ...otherA].map(({ id, tagId, start, end }) => ({ id, tagId, start, end })),
        second: [...inB, ...otherB].map(({ id, tagId, start, end }) => ({ id, tagId, start, end })),
      });
    }
  }
  return { disagreements: found.slice(0, input.limit ?? 500), total: found.length };
}

export type Adjudication = {
  consensus: string;
  articleId: number;
  start: number;
  end: number;
  decision: 'first' | 'second' | 'both' | 'neither';
  first: number[];
  second: number[];
};

export function adjudicator(db: Db, deps: { coders: CoderService; annotations: AnnotationService }) {
  const passage = db.prepare('SELECT id, article_id, tag_id, start, "end", annotator, note FROM annotations WHERE id = ?');
  return writeTransaction(db, (input: Adjudication) => {
    if (input.end <= input.start) throw invalid('A stretch must end after it starts.');
    const existing = deps.coders.list().find((c) => c.name === input.consensus);
    if (existing && !existing.consensus) {
      throw conflict(`"${input.consensus}" is a coder of the project, not a consensus coder; adjudicate into a name of its own, such as "Consensus".`);
    }
    if (!existing) deps.coders.create({ name: input.consensus, consensus: true });
    const take = (ids: number[]) =>
      ids.map((id) => {
        const row = passage.get(id) as
          { id: number; article_id: number; tag_id: number; start: number; end: number; annotator: string; note: string } | undefined;
        if (!row || row.article_id !== input.articleId) throw invalid(`Annotation ${id} is not a passage of article ${input.articleId}.`);
        if (row.annotator === input.consensus) throw invalid(`Annotation ${id} is already the consensus coder's.`);
        return row;
      });
    const firsts = take(input.first);
    const seconds = take(input.second);
    // The consensus coder's earlier decision over this stretch is replaced.
    const replaced = db
      .prepare('SELECT id FROM annotations WHERE article_id = ? AND annotator = ? AND start < ? AND "end" > ?')
      .pluck()
      .all(input.articleId, input.consensus, input.end, input.start) as number[];
    for (const id of replaced) deps.annotations.remove(id);
    const chosen = input.decision === 'first' ? firsts : input.decision === 'second' ? seconds : input.decision === 'both' ? [...firsts, ...seconds] : [];
    const seen = new Set<string>();
    let created = 0;
    for (const p of chosen) {
      const key = `${p.tag_id}:${p.start}:${p.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      deps.annotations.create({ articleId: input.articleId, tagId: p.tag_id, start: p.start, end: p.end, note: p.note, annotator: input.consensus });
      created++;
    }
    return { created, removed: replaced.length };
  });
}
