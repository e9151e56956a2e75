// The name the "Mark as entity" form suggests for a selected passage. News text writes names inflected
// ("Putins tal", "CSTO:s möte", "Kazakstans president", "Putin's speech"); the entity is the base form.
// Only a suggestion: the analyst sees it prefilled and corrects it when the guess is wrong.

/** Punctuation that surrounds a name in running text but is not part of it. */
const EDGE = /^[\s"'“”„‘’«»‹›()[\]{}<>.,;:!?…–—-]+|[\s"'“”„‘’«»‹›()[\]{}<>.,;:!?…–—-]+$/gu;

/**
 * Names that end in -s in their base form and are common in Nordic news; left as they are. (The analyst
 * corrects the rarer ones; choosing an existing entity from the list also settles it.)
 */
const BASE_FORMS_IN_S = new Set([
  'anders',
  'lars',
  'hans',
  'mats',
  'nils',
  'jens',
  'klas',
  'claes',
  'frans',
  'mons',
  'jonas',
  'tomas',
  'thomas',
  'andreas',
  'niklas',
  'nicklas',
  'elias',
  'lukas',
  'tobias',
  'matthias',
  'mattias',
  'agnes',
  'ines',
  'johannes',
  'hannes',
  'marcus',
  'markus',
  'magnus',
  'linus',
  'julius',
  'helsingfors',
  'athens',
  'texas',
  'davos',
  'vilnius',
  'tunis',
  'paris',
  'mars',
  'reuters',
  'carlos',
  'charles',
  'james',
  'moses',
  'wales',
  'abbas',
  'douglas',
]);

/** Cuts a genitive ending from the last word of a name, if it has one. */
function stripGenitive(name: string): string {
  // "CSTO:s", "SVT:s", "FN:s": Swedish writes the genitive of abbreviations and numbers with a colon.
  const colon = /^(.*\S):s$/u.exec(name);
  if (colon) return colon[1]!;
  // "Putin's", "Davis'": the English possessive.
  const apostrophe = /^(.*\S)['’]s?$/u.exec(name);
  if (apostrophe) return apostrophe[1]!;
  // "Putins", "Kazakstans", "NATOs": the Swedish genitive -s on the last word.
  const last = /(\p{L}+)$/u.exec(name)?.[1];
  if (!last || last.length < 4 || !last.endsWith('s')) return name;
  const base = last.slice(0, -1);
  const lower = last.toLowerCase();
  if (BASE_FORMS_IN_S.has(lower)) return name;
  // -ss, -us, -is, -os, -ys are almost always part of the word (Ross, Markus, Paris, Carlos), and an
  // acronym takes a lower-case s ("NATOs"): an all-upper-case word ending in "S" is the word itself.
  if (/(?:ss|us|is|os|ys)$/u.test(lower) && !(base === base.toUpperCase() && base !== base.toLowerCase())) return name;
  if (last === last.toUpperCase()) return name;
  return name.slice(0, name.length - 1);
}

/** The suggested entity name for a selected passage: trimmed of surrounding punctuation, genitive removed. */
export function suggestEntityName(selected: string): string {
  const flat = selected.replace(/\s+/gu, ' ').replace(EDGE, '');
  if (!flat) return selected.trim();
  return stripGenitive(flat);
}
