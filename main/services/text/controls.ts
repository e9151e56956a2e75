// Text no reader handles alike, refused in every text the API takes and cleaned out of imported article
// text: control characters (C0, except tab, line feed and carriage return), which break CSV readers (NUL
// ends a cell in SQLite's GLOB and in many C programs), hide text in spreadsheets and mean nothing in
// news; and half characters (a lone UTF-16 surrogate), which SQLite would store as bytes that are not
// UTF-8, so that Python or R could not read the project.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS_GLOBAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** A high surrogate without its low half after it, or a low one without its high half before it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_GLOBAL = new RegExp(LONE_SURROGATE.source, 'g');

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with a text, in words, or null when it is fine. */
export function unsafeText(text: string): string | null {
  const control = CONTROL_CHARACTERS.exec(text);
  if (control) return `text may not contain control characters (found ${codePoint(control[0])})`;
  const half = LONE_SURROGATE.exec(text);
  if (half) return `text holds half of a character (a lone surrogate, ${codePoint(half[0])}), which is no text`;
  return null;
}

/**
 * The first string inside a JSON-like value (keys included) that no reader handles alike, with where it
 * is and what is wrong; `skipTopLevel` names a top-level field that is not checked.
 */
export function findUnsafeText(value: unknown, skipTopLevel?: string): { path: (string | number)[]; problem: string } | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = unsafeText(current);
      if (problem) return { path, problem };
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    } else if (current && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        const problem = unsafeText(key);
        if (problem) return { path: [...path, key], problem };
        if (path.length === 0 && key === skipTopLevel) continue;
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}

/** The text without control characters, and how many were removed. */
export function removeControlCharacters(text: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = text.replace(CONTROL_CHARACTERS_GLOBAL, () => {
    removed++;
    return '';
  });
  return { text: removed ? cleaned : text, removed };
}

/** Imported text made safe: control characters removed, half characters replaced by U+FFFD. */
export function cleanImportedText(text: string): { text: string; removed: number; replaced: number } {
  const { text: withoutControls, removed } = removeControlCharacters(text);
  let replaced = 0;
  const cleaned = withoutControls.replace(LONE_SURROGATE_GLOBAL, () => {
    replaced++;
    return '\uFFFD';
  });
  return { text: replaced ? cleaned : withoutControls, removed, replaced };
}

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}
