// A synthetic long article for the reader benchmark: Swedish- and English-like news prose with å ä ö,
// typographic quotes, combining marks and astral emoji, plus a ten-tag codebook and a few thousand
// annotations (some nested, some crossing) spread over the whole text. Deterministic for a given seed.
import { normaliseSelection } from '../../../renderer/src/reader/text.ts';
import { random } from '../corpus.ts';

const WORDS = (
  'och att det som en på är av för med till den har inte om ett men var sig från vid så kan när ' +
  'säkerhet toppmötet regionala alliansen hotet förhandlingarna ministern gränsen öppnar därför också enligt ' +
  'Putins Kazakstans CSTO:s Astana Moskva Tokajev samarbetet försvaret ekonomin medlemsländerna uttalandet ' +
  'the of and to in that is for on with as was said summit security regional alliance minister sources according ' +
  'military cooperation border talks statement analysts officials government pressure sovereignty tension ' +
  'rådgivaren talet kritiken återigen framför allt ungefär nästan självständighet påverkan inflytande'
).split(' ');

const FLOURISHES = ['”trolling på hög nivå”', '«en ny ordning»', 'cafe\u0301', 'naïve', '😀', '🇸🇪', '— enligt källor —', '“a red line”', '🇰🇿'];

export function syntheticArticle(chars = 300_000, seed = 7): string {
  const rnd = random(seed);
  const word = () => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const parts: string[] = [];
  let length = 0;
  let paragraph = 0;
  while (length < chars) {
    paragraph++;
    let p: string;
    if (paragraph % 17 === 1) {
      // A short subheading on its own line.
      const words = Array.from({ length: 3 + Math.floor(rnd() * 4) }, word).join(' ');
      p = words[0]!.toUpperCase() + words.slice(1);
    } else {
      const sentences: string[] = [];
      const n = 2 + Math.floor(rnd() * 6);
      for (let s = 0; s < n; s++) {
        const words: string[] = [];
        const w = 7 + Math.floor(rnd() * 16);
        for (let i = 0; i < w; i++) words.push(rnd() < 0.05 ? FLOURISHES[Math.floor(rnd() * FLOURISHES.length)]! : word());
        const sentence = words.join(' ');
        sentences.push(sentence[0]!.toUpperCase() + sentence.slice(1) + (rnd() < 0.1 ? '?' : '.'));
      }
      p = sentences.join(' ');
    }
    const sep = paragraph % 17 === 1 ? '\n' : rnd() < 0.15 ? '\n' : '\n\n';
    parts.push(p, sep);
    length += p.length + sep.length;
  }
  let text = parts.join('');
  // Cut at the wanted length without leaving half a surrogate pair, and end on a full stop.
  text = text.slice(0, chars - 1);
  if (/[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1) + ' ';
  return text.replace(/\s$/, ' ') + '.';
}

export type SyntheticTag = { path: string[]; color: string; shortcut: string | null; description: string };

export const syntheticTags: SyntheticTag[] = [
  { path: ['Rhetoric'], color: '#7a5af8', shortcut: null, description: 'How actors speak' },
  { path: ['Rhetoric', 'Threat'], color: '#e4572e', shortcut: 'h', description: 'Presented as a danger' },
  { path: ['Rhetoric', 'Trolling'], color: '#f59e0b', shortcut: 'r', description: 'Provocation for effect' },
  { path: ['Rhetoric', 'Othering'], color: '#db2777', shortcut: 'o', description: 'Us and them' },
  { path: ['Conflict'], color: '#dc2626', shortcut: 'c', description: 'Disagreement and clash' },
  { path: ['Sovereignty'], color: '#2563eb', shortcut: 's', description: 'Independence and self-rule' },
  { path: ['Alliance tension'], color: '#0d9488', shortcut: 'a', description: 'Strain inside an alliance' },
  { path: ['Responsibility'], color: '#65a30d', shortcut: 'e', description: 'Who is to blame or to act' },
  { path: ['Security'], color: '#475569', shortcut: null, description: 'Security framing' },
  { path: ['Security', 'Military'], color: '#0891b2', shortcut: 'm', description: 'Armed force and defence' },
];

export type SyntheticSpan = { tag: number; start: number; end: number };

/** `count` spans over `text`: mostly single passages, about a quarter nested in an earlier one. */
export function syntheticSpans(text: string, count = 2000, seed = 11, tags = syntheticTags.length): SyntheticSpan[] {
  const rnd = random(seed);
  const spans: SyntheticSpan[] = [];
  const wordStart = (at: number) => {
    const i = text.indexOf(' ', at);
    return i < 0 ? at : i + 1;
  };
  let guard = 0;
  while (spans.length < count && guard++ < count * 20) {
    let start: number;
    let end: number;
    const parent = spans.length > 10 && rnd() < 0.25 ? spans[Math.floor(rnd() * spans.length)]! : null;
    if (parent && parent.end - parent.start > 40) {
      start = wordStart(parent.start + Math.floor(rnd() * (parent.end - parent.start) * 0.5));
      end = Math.min(parent.end, start + 10 + Math.floor(rnd() * (parent.end - start)));
      const space = text.indexOf(' ', end);
      if (space > 0 && space < parent.end) end = space;
    } else {
      start = wordStart(Math.floor(rnd() * (text.length - 500)));
      end = start + 15 + Math.floor(rnd() * 330);
      const space = text.indexOf(' ', end);
      if (space > 0 && space - end < 40) end = space;
    }
    const span = normaliseSelection(text, start, end);
    if (!span || span.end - span.start < 3) continue;
    spans.push({ tag: Math.floor(rnd() * tags), start: span.start, end: span.end });
  }
  return spans;
}
