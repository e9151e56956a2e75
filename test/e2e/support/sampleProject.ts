// A small, realistic project for screenshots: a few news articles (written for Framelens, fictional),
// a hierarchical codebook and some annotations, created through the API.
import type { WebHost } from './webHost.ts';

type Tagging = { path: string[]; quote: string; note?: string };
type SampleArticle = {
  source: string;
  author: string | null;
  publishedAt: string;
  language: string;
  url: string | null;
  text: string;
  tags: Tagging[];
};

export const sampleArticles: SampleArticle[] = [
  {
    source: 'Dagens Eko',
    author: 'Karin Berg',
    publishedAt: '2024-05-16',
    language: 'sv',
    url: 'https://example.org/nyheter/toppmotet-i-astana',
    text: [
      'Toppmötet i Astana: ”Ett spel för galleriet”',
      '',
      'Ledarna för alliansens sex medlemsländer möttes på torsdagen i Kazakstans huvudstad. Mötet hade föregåtts av veckor av spänningar, och stämningen beskrevs som ”kylig” av flera delegater.',
      '',
      'I sitt inledningstal varnade värdlandets president Aslan Nurbekov för att ”yttre krafter” försöker splittra regionen. Talet var fyllt av hänvisningar till historisk gemenskap och gemensamma fiender.',
      '',
      'Mikael Strandberg, tidigare säkerhetsrådgivare vid Baltiska institutet, kallade talet “trolling på hög nivå” och menade att budskapet främst riktade sig till den inhemska publiken. – Det handlar om att visa styrka hemma, inte om att lösa några konflikter, sade han.',
      '',
      'En av premiärministrarna valde att stanna hemma, vilket flera bedömare tolkade som en tydlig markering mot alliansens passivitet under fjolårets gränskonflikt. Utrikesminister Dana Ermekova varnade samtidigt för att samarbetet riskerar att splittras om ingen kompromiss nås före hösten.',
      '',
      'Oppositionen i flera av länderna överraskade genom att ställa sig bakom regeringarnas linje, något som analytiker beskriver som ett tecken på att hotbilden upplevs som verklig.',
    ].join('\n'),
    tags: [
      { path: ['Threat', 'External threat'], quote: 'försöker splittra regionen' },
      { path: ['Othering'], quote: 'gemensamma fiender' },
      { path: ['Trolling'], quote: 'trolling på hög nivå', note: 'The adviser’s own word; quoted in most follow-ups.' },
      { path: ['Sovereignty', 'Domestic audience'], quote: 'Det handlar om att visa styrka hemma' },
      { path: ['Alliance tension'], quote: 'stanna hemma, vilket flera bedömare tolkade som en tydlig markering mot alliansens passivitet' },
      { path: ['Alliance tension'], quote: 'samarbetet riskerar att splittras', note: 'Compare with the English wire version.' },
      { path: ['Threat'], quote: 'hotbilden upplevs som verklig' },
    ],
  },
  {
    source: 'Nordic Wire',
    author: 'J. Holm',
    publishedAt: '2024-05-17',
    language: 'en',
    url: 'https://example.org/wire/summit-ends',
    text: [
      'Summit ends without joint statement',
      '',
      'The regional security summit closed on Friday without the joint statement its hosts had promised. Diplomats said talks stalled over the wording on border disputes.',
      '',
      'Officials described the absence of one member state as “a signal that cannot be ignored”.',
    ].join('\n'),
    tags: [{ path: ['Alliance tension'], quote: 'a signal that cannot be ignored' }],
  },
  {
    source: 'Gotlands Tidning',
    author: null,
    publishedAt: '2024-03-04',
    language: 'sv',
    url: null,
    text: 'Hamnen öppnar igen efter stormen\n\nHamnen i Visby öppnade på måndagen igen efter helgens storm. Färjetrafiken väntas vara i gång som vanligt från onsdag.',
    tags: [],
  },
  {
    source: 'Baltic Monitor',
    author: 'Anna Sjö',
    publishedAt: '2024-05-20',
    language: 'en',
    url: null,
    text: 'Analysts split on what the summit means\n\nSome analysts see the summit as a sign of a weakening alliance; others call it business as usual, pointing to a long record of empty summits.',
    tags: [{ path: ['Alliance tension'], quote: 'a weakening alliance' }],
  },
];

export const sampleColours: Record<string, string> = {
  Threat: '#e03131',
  'External threat': '#f76707',
  Othering: '#ae3ec9',
  Trolling: '#1971c2',
  Sovereignty: '#2f9e44',
  'Domestic audience': '#66a80f',
  'Alliance tension': '#f08c00',
};

/** Fills the project behind `host` and returns the id of the richest article. */
export async function createSampleProject(host: WebHost): Promise<number> {
  await host.call('settings.setAnnotator', { name: 'Karin B.' });
  const tagIds = new Map<string, number>();
  let firstId = 0;
  for (const article of sampleArticles) {
    const imported = await host.call('articles.importText', {
      text: article.text,
      source: article.source,
      author: article.author,
      publishedAt: article.publishedAt,
      language: article.language,
      url: article.url,
    });
    if (!imported.id) throw new Error(`Import failed: ${imported.message}`);
    firstId ||= imported.id;
    for (const tagging of article.tags) {
      const key = tagging.path.join('/');
      let tagId = tagIds.get(key);
      if (tagId === undefined) {
        const tag = await host.call('tags.ensurePath', { path: tagging.path });
        tagId = tag.id;
        tagIds.set(key, tagId);
      }
      const start = article.text.indexOf(tagging.quote);
      if (start < 0) throw new Error(`Quote not in text: ${tagging.quote}`);
      await host.call('annotations.create', { articleId: imported.id, tagId, start, end: start + tagging.quote.length, note: tagging.note });
    }
  }
  const { tags } = await host.call('tags.list', {});
  const shortcuts: Record<string, string> = { Threat: 't', Othering: 'o', Trolling: 'r', Sovereignty: 's', 'Alliance tension': 'a' };
  for (const tag of tags) {
    await host.call('tags.update', {
      id: tag.id,
      color: sampleColours[tag.name] ?? tag.color,
      shortcut: shortcuts[tag.name] ?? null,
      description: tag.name === 'Threat' ? 'An actor, event or trend presented as endangering the nation or the region.' : undefined,
    });
  }
  return firstId;
}
