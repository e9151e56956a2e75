// Control characters (C0, except tab, line feed and carriage return): refused in every text the API
// takes, removed from imported article text. They break CSV readers (NUL ends a cell in SQLite's GLOB and
// in many C programs), hide text in spreadsheets and mean nothing in news.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS_GLOBAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

export function describeControl(char: string): string {
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The first control character in any string inside a JSON-like value (keys included), with where it
 * is; `skipTopLevel` names a top-level field that is not checked.
 */
export function findControlCharacter(value: unknown, skipTopLevel?: string): { path: (string | number)[]; char: string } | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const match = CONTROL_CHARACTERS.exec(current);
      if (match) return { path, char: match[0] };
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    } else if (current && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        const match = CONTROL_CHARACTERS.exec(key);
        if (match) return { path: [...path, key], char: match[0] };
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

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}
