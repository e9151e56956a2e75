// Ordinary words that tell the detector what kind of name it is looking at: titles before a person,
// head words of organisations and places, the small words inside names ("von", "of"), verbs of
// saying, and common abbreviations that are not names. They are general vocabulary of Swedish,
// English and a few other languages, not names of particular entities. All lowercase.

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

/** Titles and roles written before a person's name ("President Okafor", "premiärminister Bergkvist"). */
export const TITLES = set(`
  president presidents vice prime minister ministers secretary senator sen representative rep congressman
  congresswoman gov governor mayor mr mrs ms miss dr prof professor sir dame lord lady king queen prince
  princess pope judge justice general gen lt lieutenant col colonel capt captain sgt sergeant adm admiral
  chancellor ambassador speaker chairman chairwoman chair chief ceo director commissioner leader rev reverend
  sheikh ayatollah emperor empress crown deputy attorney detective officer coach agent inspector
  archbishop bishop cardinal rabbi imam lawmaker candidate nominee spokesman spokeswoman spokesperson
  dictator premier field marshal major sheriff father saint
  presidenten presidentens premiärminister premiärministern statsminister statsministern utrikesminister
  utrikesministern försvarsminister försvarsministern finansminister finansministern ministern kung kungen
  drottning drottningen prins prinsen prinsessan påve påven generalen senatorn guvernör guvernören
  borgmästare borgmästaren ordförande ordföranden vd chef chefen talesperson talesman partiledare
  partiledaren ambassadör ambassadören kansler kanslern förbundskansler förbundskanslern domare domaren
  professorn doktor biskop biskopen ärkebiskop kardinal ayatolla sheik kronprins kronprinsen
  kronprinsessan riksdagsledamot riksdagsledamoten landshövding landshövdingen kommissionär rådgivare
  rådgivaren diktator diktatorn ledare ledaren herr fru författaren forskaren professor journalisten
  ministre président présidente präsident präsidenten präsidentin bundespräsident bundespräsidentin bundeskanzler
  bundeskanzlerin kanzler kanzlerin ministerpräsident ministerpräsidentin außenminister außenministerin ministerin
  premierminister premierministerin herr frau monsieur madame presidente presidenta ministro ministra señor señora
`);

/** Abbreviated titles that may carry a full stop ("Mr.", "Dr."). */
export const TITLE_ABBREVIATIONS = set('mr mrs ms dr prof sen rep gov gen lt col capt sgt adm rev st');

/** Small words that may stand inside a person's or place's name between capitalised words. */
export const NAME_PARTICLES = set('von van der den de del della di da dos das du la le af bin ibn al el ten ter zu y');

/** Words that may join the parts of an organisation's or place's name ("University of X", "Bank of X"). */
export const NAME_CONNECTORS = set('of for and & du de des');

/** Head words that make a name an organisation (whole capitalised words). */
export const ORG_HEADS = set(`
  party parties university college school institute institution academy association federation union
  league council committee commission board bureau agency authority department ministry office service
  services administration court tribunal parliament congress senate assembly government cabinet army navy
  forces force guard police bank fund foundation trust group corporation corp company co inc ltd llc plc
  ag gmbh ab asa oyj nv bv sa spa holdings industries airlines airways motors systems technologies media
  news times post journal herald tribune gazette telegraph press network channel radio television
  broadcasting organization organisation movement front alliance coalition church society club team fc
  brigade brigades battalion regiment command secretariat mission centre center laboratory labs hospital
  museum library reserve exchange energy power oil gas petroleum telecom capital partners investors
  insurance financial pharmaceuticals foods entertainment studios records publishing software electric
  steel mining chemicals logistics shipping railways rail
  partei universität bundestag regierung ministerium gesellschaft stiftung verband zeitung
  parti université ministère assemblée banque partido universidad ministerio gobierno
`);

/** Lowercase heads that may follow a capitalised first word in Swedish names ("Europeiska unionen"). */
export const SV_LOWER_HEADS = set(`
  unionen nationerna kyrkan domstolen huset torget havet sjön ön berget kanalen bukten viken partiet
  förbundet rådet banken kommissionen akademien institutet universitetet universitet högskolan staterna
  emiraten republiken riket kungariket korset armén flottan gardet regeringen riksdag riksdagen
  landsting landstinget kommun kommunen
`);

/** Endings of lowercase Swedish compounds that continue a name as its head ("Norges skidförbund",
 * "Kalmar tennisklubb", "Karolinska sjukhuset"). */
export const SV_LOWER_HEAD_ENDINGS = [
  'förbund',
  'förbundet',
  'klubb',
  'klubben',
  'förening',
  'föreningen',
  'sjukhus',
  'sjukhuset',
  'universitet',
  'universitetet',
  'högskola',
  'högskolan',
  'slott',
  'slottet',
  'station',
  'stationen',
  'museum',
  'museet',
  'teater',
  'teatern',
  'bibliotek',
  'biblioteket',
  'domstol',
  'domstolen',
  'bolag',
  'bolaget',
  'institut',
  'institutet',
  'byrå',
  'byrån',
  'stiftelse',
  'stiftelsen',
  'akademi',
  'akademien',
  'sällskap',
  'sällskapet',
];

/** Swedish words for a body, in the definite form, that make a hyphenated compound its name ("EU-kommissionen",
 * "FN-förbundet"), where other heads make an ordinary word ("EU-mötet", "EU-rätten"). */
export const SV_BODY_HEADS = set(`
  kommissionen parlamentet domstolen rådet ministeriet departementet förbundet partiet banken myndigheten
  styrelsen kommittén delegationen utskottet alliansen sekretariatet kansliet organisationen federationen
`);

/** Swedish (and Danish/Norwegian) word endings that make a single compound word an organisation. */
export const SV_ORG_SUFFIXES = [
  'partiet',
  'partierna',
  'förbundet',
  'departementet',
  'ministeriet',
  'verket',
  'styrelsen',
  'myndigheten',
  'inspektionen',
  'banken',
  'bolaget',
  'koncernen',
  'kommissionen',
  'rådet',
  'institutet',
  'universitetet',
  'högskolan',
  'akademien',
  'akademin',
  'tidningen',
  'bladet',
  'posten',
  'kyrkan',
  'polisen',
  'domstolen',
  'rätten',
  'landstinget',
  'gruppen',
  'föreningen',
  'sällskapet',
  'byrån',
  'fonden',
  'stiftelsen',
  'alliansen',
  'unionen',
  'nämnden',
  'armén',
  'flottan',
  'marinen',
  'ligan',
  'klubben',
  'förlaget',
  'kansliet',
  'ämbetet',
  'organisationen',
  'federationen',
  'kommittén',
  'delegationen',
  'utskottet',
  'riksdagen',
  'parlamentet',
  'senaten',
  'kongressen',
  'regeringen',
  'sjukhuset',
  'museet',
  'tjänsten',
  'nyheter',
  'kommun',
  'kommunen',
  'demokraterna',
  'moderaterna',
  'liberalerna',
  'partei',
  'ministerium',
];

/** Head words that make a name a place. */
export const LOC_HEADS = set(`
  street avenue road square park bridge river lake sea ocean gulf bay strait island islands isle peninsula
  mountain mountains mount mt hill hills valley desert forest coast beach county province region city town
  village district harbour harbor canal falls heights plains basin kingdom empire territory territories
  strip airport station state states republic
  straße platz fluss see insel berg stadt rue place fleuve île mer calle plaza río isla
`);

/** Swedish place-name endings on a single word ("Drottninggatan", "Vättern" has none). */
export const SV_LOC_SUFFIXES = [
  'gatan',
  'vägen',
  'torget',
  'parken',
  'bron',
  'sjön',
  'älven',
  'ön',
  'öarna',
  'halvön',
  'havet',
  'bukten',
  'viken',
  'sundet',
  'kanalen',
  'berget',
  'bergen',
  'fjällen',
  'dalen',
  'skogen',
  'slätten',
  'öknen',
  'kusten',
  'floden',
  'fjorden',
  'passet',
  'området',
  'län',
  'provinsen',
  'hamnen',
  'flygplatsen',
  'stad',
  'staden',
];

/** Words before a name that mark a place ("i Moskva", "in Vienna"). */
export const PLACE_PREPOSITIONS = set(`
  in from to at near outside inside across throughout into towards toward via
  i från till vid nära utanför inom runt kring söder norr öster väster
  nach aus bei à en dans de desde hacia
`);

/** Verbs of saying: "säger Anna Berg", "Anna Berg said". */
export const SPEECH_VERBS = set(`
  said says told added wrote asked argued noted explained tweeted insisted stated warned
  säger sade sa skriver skrev berättar berättade uppger uppgav konstaterar konstaterade menar tycker anser
  svarar svarade förklarar förklarade framhåller betonar säga
  sagte sagt erklärte dit déclare dijo afirmó
`);

/** Verbs and nouns that follow a person ("X said"): used only to type a name nothing else types. */
export const PERSON_FOLLOWERS = set('said says told added wrote asked argued noted explained tweeted insisted säger sade sa skriver skrev menar tycker anser');

/** Capitalised abbreviations that are ordinary words, not names. */
export const GENERIC_ACRONYMS = set(`
  tv ceo cfo coo cto pr it ai gdp bnp vd am pm ok id dna hiv aids sms usb pdf cd dvd vip faq iq phd ufo dj
  gps ivf atm lgbt lgbtq hbtq hbt usd eur sek gbp nok dkk mb gb kb hd pc ip url www html api suv ngo ngos
  mp mps vat led wifi isbn tnt mri icu adhd ptsd sos ps rip diy asap fyi km kg cm mm kw mw
  ii iii iv vi vii viii ix xi xii xiii xiv xv xx xxi
`);

/** Capitalised English words that are never a name on their own. */
export const EN_CAPITALISED_WORDS = set(`
  i god internet christmas easter muslim muslims jewish jew jews islamic catholic catholics protestant
  protestants sunni sunnis shia shiite shiites hindu hindus buddhist democrat democratic republican
  western eastern northern southern mr mrs ms jr sr ok
`);

/** Compass and size words that are no name once the word they qualify has gone ("South" of "South African"). */
export const QUALIFIERS = set('north south east west northern southern eastern western central upper lower greater new old');

/** Last words that make a name an event, agreement, award or work rather than a person, place or
 * organisation; such names are not reported (the evaluation schemes Framelens follows have no MISC). */
export const MISC_HEADS = set(`
  agreement agreements amendment accord accords act cup championship championships games day prize award
  awards bonds show festival olympics tour open war wars summit declaration protocol convention doctrine
  plan programme program initiative index
`);
