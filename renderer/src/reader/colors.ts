// Tag colours as the reader paints them. Tags carry '#rrggbb'; anything else falls back to a neutral grey
// so a malformed colour can never hide an annotation.
export const FALLBACK_COLOR = '#8a8f98';

export function parseHex(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color ?? '');
  if (!m) return parseHex(FALLBACK_COLOR);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

export function normaliseColor(color: string): string {
  return /^#[0-9a-f]{6}$/i.test(color ?? '') ? color.toLowerCase() : FALLBACK_COLOR;
}

export function tint(color: string, alpha: number): string {
  const [r, g, b] = parseHex(color);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** A darker shade for lines drawn on a light background: keeps pale tag colours (yellow) visible. */
export function stroke(color: string): string {
  const [r, g, b] = parseHex(color);
  const lum = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  const k = lum > 0.7 ? 0.62 : lum > 0.5 ? 0.8 : 1;
  const h = (v: number) =>
    Math.round(v * k)
      .toString(16)
      .padStart(2, '0');
  return `#${h(r)}${h(g)}${h(b)}`;
}
