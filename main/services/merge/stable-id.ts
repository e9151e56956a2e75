// Annotations written before version 5 carry no uuid. A merge gives each one an id derived from what
// identifies it (article text, tag path, span, coder, creation time), so the same old file merged twice
// yields the same ids and adds nothing the second time. Formatted as a name-based (version 5) UUID.
import { createHash } from 'node:crypto';

const NAMESPACE = 'framelens:annotation';

export function stableAnnotationId(parts: readonly (string | number)[]): string {
  const hex = createHash('sha1')
    .update([NAMESPACE, ...parts].join('\u0000'))
    .digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
