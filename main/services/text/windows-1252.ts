// Windows-1252, the encoding of older Excel CSVs, web pages and RTF in Swedish and English. Node's
// TextDecoder reads the label as Latin-1 on this build, which turns 0x93 into the control character
// U+0093 instead of “: the 32 characters that differ are mapped here.

/** Windows-1252's 0x80–0x9F; the rest of it is Latin-1 (five bytes it leaves unused stay as they are). */
export const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin = new TextDecoder('latin1').decode(bytes);
  return /[\u0080-\u009f]/.test(latin) ? latin.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : latin;
}
