// Text from another program's file made fit for a Framelens field: no control characters or half
// characters (which the API refuses everywhere), within the field's length, never cut inside an emoji.
import { normaliseLineEndings } from '../text/decode.ts';
import { cleanImportedText } from '../text/controls.ts';

/** A name or other one-line field: whitespace collapsed, trimmed, at most `max` code units; undefined when empty. */
export function oneLine(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  return cut(cleanImportedText(value).text.replace(/\s+/g, ' ').trim(), max) || undefined;
}

/** A description or note: line breaks kept (as LF), at most `max` code units; undefined when blank. */
export function multiLine(value: string | undefined, max: number): { text: string; shortened: boolean } | undefined {
  if (value === undefined) return undefined;
  const text = cleanImportedText(normaliseLineEndings(value)).text;
  if (!text.trim()) return undefined;
  const fitted = cut(text, max);
  return { text: fitted, shortened: fitted !== text };
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const part = text.slice(0, max - 1);
  return `${/[\ud800-\udbff]$/.test(part) ? part.slice(0, -1) : part}…`;
}
