// GUIDs in a REFI-QDA file. Framelens keeps no GUID for coders, tags, articles or variables, so an export
// derives each from what identifies the thing in the project (a coder's name, a tag's path, an article's
// text hash): exporting twice gives the same GUIDs, and the same codebook exported from two projects
// lines up in another tool. Annotations and article-level codes carry their own uuid, used as it is.
import { stableAnnotationId } from '../merge/stable-id.ts';

const HEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** The schema's GUIDType: 8-4-4-4-12 hex digits, bare or in braces. */
const GUID = new RegExp(`^(?:(${HEX})|\\{(${HEX})\\})$`);

/** A name-based (version 5 layout) GUID for one kind of thing, from the parts that identify it. */
export function derivedGuid(kind: string, ...parts: readonly (string | number)[]): string {
  return stableAnnotationId(['refi', kind, ...parts]);
}

/** The GUID in the form Framelens stores (lower case, no braces), or undefined when it is none. */
export function normaliseGuid(value: string | undefined): string | undefined {
  const match = value === undefined ? null : GUID.exec(value.trim());
  return match ? (match[1] ?? match[2]!).toLowerCase() : undefined;
}

/** A stored uuid as a GUID the schema accepts: itself when it is one, else one derived from it. */
export function guidOf(uuid: string, kind: string): string {
  return normaliseGuid(uuid) ?? derivedGuid(kind, uuid);
}
