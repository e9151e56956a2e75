// Highlight styles as shared CSS classes, one per combination of layer colours, in a constructed style
// sheet. Thousands of highlights then share a few dozen parsed rules instead of each parsing its own style
// attribute. Constructed sheets are CSSOM, which the app's Content-Security-Policy does not restrict.

let sheet: CSSStyleSheet | null | undefined;
const classes = new Map<string, string>();

function ensureSheet(): CSSStyleSheet | null {
  if (sheet !== undefined) return sheet;
  try {
    sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    sheet = null;
  }
  return sheet;
}

/** The class painting the layers `key` (declarations `style`); null when constructed sheets are unavailable. */
export function layerClass(key: string, style: string): string | null {
  const known = classes.get(key);
  if (known) return known;
  const s = ensureSheet();
  if (!s) return null;
  const name = `fl-layers-${classes.size}`;
  s.insertRule(`.fl-block mark.${name} { ${style} }`, s.cssRules.length);
  classes.set(key, name);
  return name;
}
