// A small project with counts worked out by hand, for the Compare view: two outlets, two frames (one
// with a subtag), and a third tag that stays out of the comparison.
//
//   tags: Threat (subtag Threat > Military threat), Economy, Human interest
//   Dagens Eko, 8 articles: Threat in 6 (DE1 twice, once as Military threat; DE3 as Military threat),
//                          Economy in 1 (DE1, overlapping its Military threat passage),
//                          Human interest in 1, nothing in 1
//   Nordic Wire, 6 articles: Threat in 1, Economy in 5 (NW2 twice), Human interest in 1 (NW6)
//
// Article counts, group × tag:           Threat  Economy
//                           Dagens Eko       6        1      (7)
//                           Nordic Wire      1        5      (6)
//                                           (7)      (6)     n = 13
// Expected counts r·c/n: 49/13 = 3.769, 42/13 = 3.231, 42/13 = 3.231, 36/13 = 2.769 (all four below 5).
// Every cell is 29/13 = 2.231 away from its expectation, so
//   chi-square = (29/13)² · (13/49 + 13/42 + 13/42 + 13/36) = 6.198, df 1, p = .013,
//   Cramér's V = √(6.198 / 13) = .690,
//   adjusted residual of Dagens Eko × Threat = (29/13) / √(49/13 · 6/13 · 6/13) = +2.49 (−2.49 beside it),
//   Fisher's exact, two-sided: (C(7,6)·C(6,1) + C(7,7)·C(6,0) + C(7,1)·C(6,6)) / C(13,7) = 50/1716 = .029.
// Passages: Threat 8 (7 in Dagens Eko, 1 in Nordic Wire), Economy 7 (1 and 6).
// Words: every Threat passage says "invasion" and no Economy passage does; every Economy passage says
// "budget", one Threat passage does too. No other word comes near, so "invasion" is the most
// distinctive word of Threat and "budget" of Economy.
import type { WebHost } from './webHost.ts';

type Tagging = { tag: 'Threat' | 'Military threat' | 'Economy' | 'Human interest'; quote: string };
type Article = { source: string; publishedAt: string; text: string; tags: Tagging[] };

export const compareArticles: Article[] = [
  {
    source: 'Dagens Eko',
    publishedAt: '2024-03-04',
    text: 'Border tension rises\n\nOfficials warned that an invasion could come within weeks. The ministry said an invasion would cost the budget dearly, and the finance office agreed.',
    tags: [
      { tag: 'Threat', quote: 'an invasion could come within weeks' },
      { tag: 'Military threat', quote: 'an invasion would cost the budget dearly' },
      { tag: 'Economy', quote: 'the budget dearly, and the finance office agreed' },
    ],
  },
  {
    source: 'Dagens Eko',
    publishedAt: '2024-03-19',
    text: 'Drills near the coast\n\nThe navy held drills after reports of a planned invasion along the coast.',
    tags: [{ tag: 'Threat', quote: 'reports of a planned invasion' }],
  },
  {
    source: 'Dagens Eko',
    publishedAt: '2024-04-02',
    text: 'Army on alert\n\nCommanders put the army on alert against an invasion from the east.',
    tags: [{ tag: 'Military threat', quote: 'alert against an invasion from the east' }],
  },
  {
    source: 'Dagens Eko',
    publishedAt: '2024-04-16',
    text: 'Leaders meet in Riga\n\nLeaders met in Riga and spoke of the invasion risk for the region.',
    tags: [{ tag: 'Threat', quote: 'the invasion risk for the region' }],
  },
  {
    source: 'Dagens Eko',
    publishedAt: '2024-05-07',
    text: 'Shelters reopened\n\nCities reopened old shelters in case an invasion begins.',
    tags: [{ tag: 'Threat', quote: 'in case an invasion begins' }],
  },
  {
    source: 'Dagens Eko',
    publishedAt: '2024-05-21',
    text: 'Islanders worried\n\nPeople on the islands say they fear an invasion more than storms.',
    tags: [{ tag: 'Threat', quote: 'they fear an invasion' }],
  },
  {
    source: 'Dagens Eko',
    publishedAt: '2024-05-22',
    text: 'A baker turns one hundred\n\nThe town baker turned one hundred and still bakes bread every morning.',
    tags: [{ tag: 'Human interest', quote: 'still bakes bread every morning' }],
  },
  {
    source: 'Dagens Eko',
    publishedAt: '2024-05-28',
    text: 'Ferry timetable changes\n\nThe summer ferry timetable starts on Monday.',
    tags: [],
  },
  {
    source: 'Nordic Wire',
    publishedAt: '2024-03-11',
    text: 'Troops gather\n\nTroops gathered at the frontier, raising fears of an invasion.',
    tags: [{ tag: 'Threat', quote: 'raising fears of an invasion' }],
  },
  {
    source: 'Nordic Wire',
    publishedAt: '2024-03-26',
    text: 'Budget talks resume\n\nThe budget talks resumed on Tuesday. Negotiators hope the budget passes before summer.',
    tags: [
      { tag: 'Economy', quote: 'The budget talks resumed' },
      { tag: 'Economy', quote: 'hope the budget passes before summer' },
    ],
  },
  {
    source: 'Nordic Wire',
    publishedAt: '2024-04-09',
    text: 'Inflation slows\n\nInflation slowed in April, easing pressure on the budget.',
    tags: [{ tag: 'Economy', quote: 'easing pressure on the budget' }],
  },
  {
    source: 'Nordic Wire',
    publishedAt: '2024-04-23',
    text: 'Tax plan unveiled\n\nThe government unveiled a tax plan to balance the budget.',
    tags: [{ tag: 'Economy', quote: 'a tax plan to balance the budget' }],
  },
  {
    source: 'Nordic Wire',
    publishedAt: '2024-05-14',
    text: 'Exports climb\n\nExports climbed, giving the budget a welcome boost.',
    tags: [{ tag: 'Economy', quote: 'giving the budget a welcome boost' }],
  },
  {
    source: 'Nordic Wire',
    publishedAt: '2024-05-29',
    text: 'Harbour festival returns\n\nThe harbour festival returns, and the city budget covers the fireworks. Children sang on the pier.',
    tags: [
      { tag: 'Economy', quote: 'the city budget covers the fireworks' },
      { tag: 'Human interest', quote: 'Children sang on the pier' },
    ],
  },
];

const paths: Record<Tagging['tag'], string[]> = {
  Threat: ['Threat'],
  'Military threat': ['Threat', 'Military threat'],
  Economy: ['Economy'],
  'Human interest': ['Human interest'],
};

const colours: Record<Tagging['tag'], string> = {
  Threat: '#e03131',
  'Military threat': '#f76707',
  Economy: '#1971c2',
  'Human interest': '#2f9e44',
};

/** Fills the project behind `host`; returns the tag ids by name. */
export async function createCompareProject(host: WebHost): Promise<Record<Tagging['tag'], number>> {
  const ids = {} as Record<Tagging['tag'], number>;
  for (const name of Object.keys(paths) as Tagging['tag'][]) {
    const tag = await host.call('tags.ensurePath', { path: paths[name] });
    await host.call('tags.update', { id: tag.id, color: colours[name] });
    ids[name] = tag.id;
  }
  for (const article of compareArticles) {
    const imported = await host.call('articles.importText', { text: article.text, source: article.source, publishedAt: article.publishedAt, language: 'en' });
    if (!imported.id) throw new Error(`Import failed: ${imported.message}`);
    for (const tagging of article.tags) {
      const start = article.text.indexOf(tagging.quote);
      if (start < 0) throw new Error(`Quote not in text: ${tagging.quote}`);
      await host.call('annotations.create', { articleId: imported.id, tagId: ids[tagging.tag], start, end: start + tagging.quote.length });
    }
  }
  return ids;
}
