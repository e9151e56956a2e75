// Article texts for the e2e tests, written for them. The main one holds what annotation tools get
// wrong: å ä ö, typographic quotes, a combining accent and astral emoji before the tagged passage.
export const summitTitle = 'Toppmötet i Astana slutade i tystnad';

export const summitText = [
  summitTitle,
  '',
  'Ledarna för alliansens medlemsländer möttes på torsdagen, och stämningen beskrevs som ”spänd” av flera källor.',
  'En före detta rådgivare kallade talet “trolling på hög nivå” och tillade: ‘det är ett spel för galleriet’.',
  'Efter mötet fortsatte samtalen på ett cafe\u0301 vid torget 🇸🇪 till sent på kvällen 😀.',
  'Utrikesministern varnade för att alliansen riskerar att splittras om ingen kompromiss nås före hösten.',
  'Oppositionen överraskade många genom att ställa sig bakom regeringens linje.',
].join('\n');

/** The passage the main test tags: it comes after every tricky character above. */
export const summitPassage = 'alliansen riskerar att splittras';

export const harbourTitle = 'Hamnen öppnar igen efter stormen';

export const harbourText = [
  harbourTitle,
  '',
  'Hamnen i Visby öppnade på måndagen igen efter helgens storm.',
  'Färjetrafiken väntas vara i gång som vanligt från onsdag, meddelar rederiet.',
].join('\n');

/** Code points before a UTF-16 offset: what external tools count. */
export function codePointOffset(text: string, utf16Offset: number): number {
  return Array.from(text.slice(0, utf16Offset)).length;
}

export const csvColumns = [
  'annotation_id',
  'article_id',
  'article_title',
  'source',
  'author',
  'published_at',
  'url',
  'language',
  'tag',
  'tag_path',
  'start',
  'end',
  'quote',
  'context_before',
  'context_after',
  'note',
  'annotator',
  'created_at',
  'updated_at',
  'entities',
  'unit',
  'annotation_uuid',
  'copy_of',
];
