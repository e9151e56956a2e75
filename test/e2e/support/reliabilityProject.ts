// A small project for the Reliability view, with figures worked out by hand. One article of 117
// characters (no astral ones, so its code points are its UTF-16 units) coded by Ada and by Bo:
//
//   Threat:   Ada 0–37, Bo 0–30.   Trolling: both 38–87.
//
// Threat over the article's 117 characters (the units): both mark 0–30 (30), only Ada 30–37 (7), neither
// the other 80. So
//   percent agreement = 110 / 117 = 94.0%   (shown as "94%"),
//   Cohen's kappa: p_o = 110/117; Ada marks 37 of 117 and Bo 30, so p_e = (37·30 + 80·87) / 117² =
//     8070/13689, and κ = (p_o − p_e) / (1 − p_e) = (12870 − 8070) / (13689 − 8070) = 4800/5619 = .854,
//   Krippendorff's alpha from the coincidences: n = 234 values, o₀₁ = o₁₀ = 7, n₁ = 37 + 30 = 67,
//     n₀ = 167; α = 1 − (n − 1)·o₀₁ / (n₀·n₁) = 1 − 233·7 / (167·67) = 1 − 1631/11189 = .854 (reliable).
//   Coded characters: 37 (at least one coder marked them).
// Trolling: the same 49 characters for both: 100%, κ = 1, α = 1.
// All tags: the two tags' units side by side (234 characters): agree 110 + 117 = 227 → 97.0%.
// The only disagreement is Threat's stretch 0–37, where both marked Threat with different bounds.
//
// Cy coded a second article that neither Ada nor Bo coded, so Ada and Cy have no article in common.
import type { WebHost } from './webHost.ts';

export const toppmotet = 'Putin talade i Astana om CSTO:s roll. Tokajev svarade att det var trolling på hög nivå. Kazakstan vill vara neutralt.';
export const toppmotetTitle = 'Toppmötet';

/** More articles both Ada and Bo coded, so that a bootstrap has articles to resample. */
export const moreArticles = [
  {
    title: 'Gränsen',
    text: 'Ministern varnade för ett hot mot gränsen. Oppositionen kallade det överdrivet och talade om trolling i debatten.',
    ada: [['Threat', 'varnade för ett hot mot gränsen']] as const,
    bo: [
      ['Threat', 'ett hot mot gränsen'],
      ['Trolling', 'talade om trolling i debatten'],
    ] as const,
  },
  {
    title: 'Övningen',
    text: 'Flottan övade nära kusten. Grannlandet såg övningen som ett hot, och kommentatorer talade om ren trolling.',
    ada: [
      ['Threat', 'såg övningen som ett hot'],
      ['Trolling', 'talade om ren trolling'],
    ] as const,
    bo: [
      ['Threat', 'såg övningen som ett hot'],
      ['Trolling', 'ren trolling'],
    ] as const,
  },
];

export type ReliabilityProject = { articleId: number; threat: number; trolling: number };

/** Fills the project behind `host` with the hand-worked article, and Cy's article apart from it. */
export async function createReliabilityProject(host: WebHost): Promise<ReliabilityProject> {
  const imported = await host.call('articles.importText', { text: toppmotet, title: toppmotetTitle, source: 'Dagens Eko', language: 'sv' });
  if (!imported.id) throw new Error(`Import failed: ${imported.message}`);
  const articleId = imported.id;
  const threat = (await host.call('tags.create', { name: 'Threat', color: '#e03131' })).id;
  const trolling = (await host.call('tags.create', { name: 'Trolling', color: '#1971c2' })).id;
  const tag = (tagId: number, start: number, end: number, annotator: string) => host.call('annotations.create', { articleId, tagId, start, end, annotator });
  await tag(threat, 0, 37, 'Ada');
  await tag(trolling, 38, 87, 'Ada');
  await tag(threat, 0, 30, 'Bo');
  await tag(trolling, 38, 87, 'Bo');

  const other = await host.call('articles.importText', { text: 'Ett helt annat inslag om vädret i fjällen.', title: 'Vädret', source: 'Nordic Wire' });
  if (!other.id) throw new Error(`Import failed: ${other.message}`);
  await host.call('annotations.create', { articleId: other.id, tagId: threat, start: 0, end: 10, annotator: 'Cy' });
  return { articleId, threat, trolling };
}

/** Adds `moreArticles`, coded by Ada and Bo. */
export async function addMoreArticles(host: WebHost, project: ReliabilityProject): Promise<void> {
  const ids = { Threat: project.threat, Trolling: project.trolling };
  for (const article of moreArticles) {
    const imported = await host.call('articles.importText', { text: article.text, title: article.title, source: 'Nordic Wire', language: 'sv' });
    if (!imported.id) throw new Error(`Import failed: ${imported.message}`);
    for (const [annotator, spans] of [
      ['Ada', article.ada],
      ['Bo', article.bo],
    ] as const) {
      for (const [tag, quote] of spans) {
        const start = article.text.indexOf(quote);
        if (start < 0) throw new Error(`Quote not in text: ${quote}`);
        await host.call('annotations.create', { articleId: imported.id, tagId: ids[tag], start, end: start + quote.length, annotator });
      }
    }
  }
}
