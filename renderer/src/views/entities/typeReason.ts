// How a type's reason reads in the entity details.
import type { EntityType } from '../../../../main/api/contract.ts';

export type Reason = { type: EntityType; source: string; detail: string; confidence: number | null; rulesOnly: boolean };

const SOURCES: Record<string, string> = {
  gazetteer: 'Gazetteer',
  title: 'Title before the name',
  'head word': 'Head word',
  'given name': 'Given name',
  context: 'Context',
  dictionary: 'Dictionary',
  form: 'Form of the word',
  linked: 'Linked to the full name',
  fallback: 'No other evidence',
  model: 'Trained tagger',
  analyst: 'Analyst',
};

export const sourceLabel = (source: string) => SOURCES[source] ?? source;

export const percent = (p: number) => `${Math.round(p * 100)} %`;

/** One line: what decided, its detail, the tagger's confidence, and "rules only" where no tagger serves the language. */
export function reasonLine(r: Reason): string {
  if (r.source === 'analyst') return 'Set by the analyst.';
  if (r.source === 'model') {
    // The detail starts "the trained tagger; …": the label already says so.
    const rest = r.detail.replace(/^the trained tagger;\s*/, '');
    return `Trained tagger${r.confidence !== null ? `, ${percent(r.confidence)} sure` : ''} (${rest}).`;
  }
  return `${sourceLabel(r.source)}: ${r.detail}${r.rulesOnly ? ' (rules only: no trained tagger for this language)' : ''}.`;
}
