// Made-up Swedish and English news about a bank intrusion, written for the entity tests and the chart
// screenshots. Every person, company and authority in them is invented (the cities are real).
import type { WebHost } from './webHost.ts';

/** The article the entity test pastes in: people, an organisation with a genitive ("NORDSEC:s") and an
 *  authority written both in full and as its abbreviation ("Finansinspektionen", "FI:s"). */
export const intrusionTitle = 'Intrånget hos Nordbanken utreds';

export const intrusionText = [
  intrusionTitle,
  '',
  'Anna Lindqvist, säkerhetschef på Nordbanken, bekräftade på onsdagen att intrånget upptäcktes i Göteborg. Enligt Lindqvist har inga kunder drabbats.',
  'Cybersäkerhetsbolaget NORDSEC:s analytiker Erik Holmgren säger att angreppet liknar tidigare attacker mot banker i Malmö. Finansinspektionen har begärt en redogörelse, och FI:s chef Karin Sjöberg vill ha svar inom en vecka.',
  '– Vi tar det här på största allvar, säger Karin Sjöberg.',
].join('\n');

type Tagging = { path: string[]; quote: string };
export type ChartArticle = { text: string; source: string; publishedAt: string | null; language: string; tags: Tagging[] };

/** A small project for the charts: several sources and dates, one undated editorial, tagged passages. */
export const chartArticles: ChartArticle[] = [
  {
    source: 'Dagens Eko',
    publishedAt: '2024-01-18',
    language: 'sv',
    text: [
      'Nordbanken stärker skyddet efter intrånget',
      '',
      'Anna Lindqvist, säkerhetschef på Nordbanken, sade på tisdagen att banken har stärkt sitt skydd efter intrånget i Göteborg. Enligt Lindqvist var angreppet ”väl förberett och riktat mot kunderna”.',
      '',
      'Analytikern Erik Holmgren på NORDSEC menar att attacken kom från en främmande makt. – Det är ett hot mot hela det finansiella systemet, säger Erik Holmgren.',
      '',
      'NORDSEC:s rapport visar att liknande angrepp har drabbat banker i Malmö och Umeå.',
    ].join('\n'),
    tags: [
      { path: ['Threat', 'External threat'], quote: 'Analytikern Erik Holmgren på NORDSEC menar att attacken kom från en främmande makt' },
      { path: ['Threat'], quote: 'Det är ett hot mot hela det finansiella systemet, säger Erik Holmgren' },
      { path: ['Responsibility'], quote: 'Anna Lindqvist, säkerhetschef på Nordbanken, sade på tisdagen att banken har stärkt sitt skydd' },
    ],
  },
  {
    source: 'Sveriges Nyheter',
    publishedAt: '2024-02-06',
    language: 'sv',
    text: [
      'Kritik mot Nordbanken i riksdagen',
      '',
      'Riksdagsledamoten Maria Ekholm kritiserade på fredagen Nordbanken för att ha väntat en vecka med att informera kunderna. – Nordbanken har svikit sina kunder, sade Ekholm.',
      '',
      'Anna Lindqvist svarade att banken följde Finansinspektionens regler. Finansinspektionen vill inte kommentera ärendet.',
    ].join('\n'),
    tags: [
      { path: ['Responsibility'], quote: 'Riksdagsledamoten Maria Ekholm kritiserade på fredagen Nordbanken för att ha väntat en vecka' },
      { path: ['Responsibility'], quote: 'Nordbanken har svikit sina kunder, sade Ekholm' },
      { path: ['Conflict'], quote: 'Anna Lindqvist svarade att banken följde Finansinspektionens regler' },
    ],
  },
  {
    source: 'Nordic Wire',
    publishedAt: '2024-03-14',
    language: 'en',
    text: [
      'NORDSEC warns of new attacks on banks',
      '',
      'Erik Holmgren, head of analysis at NORDSEC, said on Tuesday that the group behind the attack on Nordbank AB is preparing new operations. “This is a threat to every bank in the region,” Holmgren told reporters in Stockholm.',
      '',
      'Anna Lindqvist of Nordbank AB said the bank was cooperating with the police.',
    ].join('\n'),
    tags: [
      {
        path: ['Threat', 'External threat'],
        quote: 'Erik Holmgren, head of analysis at NORDSEC, said on Tuesday that the group behind the attack on Nordbank AB is preparing new operations',
      },
    ],
  },
  {
    source: 'Göteborgs Kuriren',
    publishedAt: '2024-05-20',
    language: 'sv',
    text: [
      'Göteborg satsar på eget cyberförsvar',
      '',
      'Kommunstyrelsens ordförande Lars Bergvik presenterade på måndagen en plan för ett regionalt cyberförsvar i Göteborg. Planen tas fram tillsammans med NORDSEC och Västra högskolan.',
      '',
      '– Vi ska inte vara beroende av Stockholm, sade Bergvik. Nordbanken har lovat att bidra med finansiering.',
    ].join('\n'),
    tags: [{ path: ['Sovereignty'], quote: 'Vi ska inte vara beroende av Stockholm, sade Bergvik' }],
  },
  {
    source: 'Tidningen Norrvik',
    publishedAt: null,
    language: 'sv',
    text: [
      'Ledare: Bankerna måste ta ansvar',
      '',
      'Intrånget i Nordbanken visar att bankerna har tagit lätt på säkerheten. Maria Ekholm har rätt när hon kräver att Finansinspektionen skärper reglerna. Anna Lindqvist och hennes kollegor på Nordbanken har mycket att bevisa.',
    ].join('\n'),
    tags: [{ path: ['Responsibility'], quote: 'Maria Ekholm har rätt när hon kräver att Finansinspektionen skärper reglerna' }],
  },
];

export const chartTagColours: Record<string, string> = {
  Threat: '#e03131',
  'External threat': '#f76707',
  Responsibility: '#1971c2',
  Conflict: '#ae3ec9',
  Sovereignty: '#2f9e44',
};

/** Imports the chart articles, tags their passages, and waits until detection has run on all of them. */
export async function createEntityProject(host: WebHost): Promise<void> {
  await host.call('settings.setAnnotator', { name: 'Karin B.' });
  for (const article of chartArticles) {
    const imported = await host.call('articles.importText', {
      text: article.text,
      source: article.source,
      publishedAt: article.publishedAt,
      language: article.language,
    });
    if (!imported.id) throw new Error(`Import failed: ${imported.message}`);
    for (const tagging of article.tags) {
      const tag = await host.call('tags.ensurePath', { path: tagging.path });
      const start = article.text.indexOf(tagging.quote);
      if (start < 0) throw new Error(`Quote not in text: ${tagging.quote}`);
      await host.call('annotations.create', { articleId: imported.id, tagId: tag.id, start, end: start + tagging.quote.length });
    }
  }
  for (const tag of (await host.call('tags.list', {})).tags) {
    const color = chartTagColours[tag.name];
    if (color) await host.call('tags.update', { id: tag.id, color });
  }
  for (let i = 0; i < 200; i++) {
    const progress = await host.call('entities.progress', {});
    if (!progress.running && progress.detected === progress.articles) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Detection did not finish within 20 s.');
}
