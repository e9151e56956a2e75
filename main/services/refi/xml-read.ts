// Reading a REFI-QDA XML file without trusting it. Entities are never expanded: a document that declares
// any is refused before parsing (expansion is how a "billion laughs" file exhausts memory, and external
// entities would read files on this computer), and the parser runs with entity processing off. The five
// predefined entities and character references are decoded by xml-safe.ts. Namespace prefixes are dropped: the
// REFI elements are read by their local names, whatever prefix a tool gave them.
import { XMLParser, XMLValidator, type ValidationError } from 'fast-xml-parser';
import { invalid } from '../errors.ts';
import { declaresEntities, decodeXmlText } from '../import/xml-safe.ts';

export type XmlElement = {
  /** The local name, without any namespace prefix. */
  name: string;
  attrs: Map<string, string>;
  /** Text (entities decoded, CDATA as written) and child elements, in document order. */
  children: (XmlElement | string)[];
};

/** Far deeper than any codebook; the parser refuses beyond it, which bounds the recursion here. */
export const MAX_NESTING = 200;

const TEXT = '#text';
const CDATA = '#cdata';
const ATTRS = ':@';

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  cdataPropName: CDATA,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignorePiTags: true,
  maxNestedTags: MAX_NESTING,
});

/**
 * The root element of an XML document. `label` names the file in messages ("survey.qdpx (project.qde)").
 * Line endings are normalised first, as every XML reader does before it reads.
 */
export function parseXml(xml: string, label: string): XmlElement {
  const source = xml.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (source.trim().length === 0) throw invalid(`${label} is empty.`);
  if (declaresEntities(source)) {
    throw invalid(`${label} declares XML entities; Framelens does not expand them, as that is how hostile files exhaust memory or read other files.`);
  }
  const problem = XMLValidator.validate(source);
  if (problem !== true) throw invalid(`${label} is not well-formed XML (${describe(problem)}); it may have been cut short or damaged.`);
  let nodes: unknown;
  try {
    nodes = parser.parse(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/nested tags/i.test(reason))
      throw invalid(`${label} nests XML elements more than ${MAX_NESTING} deep; no project needs that, so Framelens does not read it.`);
    throw invalid(`${label} could not be read as XML (${reason.replace(/^\[[A-Z]+\]\s*/, '').replace(/\.$/, '')}).`);
  }
  const top = Array.isArray(nodes) ? nodes.map(nodeParts).find((part) => part && !/^[?#]/.test(part.tag)) : undefined;
  if (!top) throw invalid(`${label} holds no XML element.`);
  return buildElement(top);
}

// --- Refusals before parsing ------------------------------------------------------------------------

function describe(problem: ValidationError): string {
  const { msg, line } = problem.err;
  // Elements left open at the end are reported as "Invalid '[ "Project", "Sources" ]' found." on line 1.
  if (/^Invalid '\[/.test(msg)) return 'it ends with elements left open';
  return `${msg.replace(/\.$/, '')}, line ${line}`;
}

// --- The tree ---------------------------------------------------------------------------------------

type NodeParts = { tag: string; content: unknown; attrs: Map<string, string> };

const localName = (tag: string) => tag.slice(tag.indexOf(':') + 1);

/** The parser's preserveOrder node: `{ [tag]: content, ':@': attributes }`. */
function nodeParts(node: unknown): NodeParts | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const record = node as Record<string, unknown>;
  const tag = Object.keys(record).find((key) => key !== ATTRS);
  if (tag === undefined) return undefined;
  const attrs = new Map<string, string>();
  const raw = record[ATTRS];
  if (typeof raw === 'object' && raw !== null) {
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value !== 'string' || key === 'xmlns' || key.startsWith('xmlns:')) continue;
      attrs.set(localName(key), decodeXmlText(value));
    }
  }
  return { tag, content: record[tag], attrs };
}

function buildElement(parts: NodeParts): XmlElement {
  const element: XmlElement = { name: localName(parts.tag), attrs: parts.attrs, children: [] };
  for (const node of Array.isArray(parts.content) ? (parts.content as unknown[]) : []) {
    const child = nodeParts(node);
    if (!child || child.tag.startsWith('?')) continue;
    if (child.tag === TEXT) element.children.push(decodeXmlText(String(child.content)));
    else if (child.tag === CDATA) element.children.push(cdataText(child.content));
    else element.children.push(buildElement(child));
  }
  return element;
}

function cdataText(content: unknown): string {
  if (!Array.isArray(content)) return '';
  return content.map((node) => String(nodeParts(node)?.content ?? '')).join('');
}

// --- Reading the tree -------------------------------------------------------------------------------

export const childElements = (parent: XmlElement | undefined, name: string): XmlElement[] =>
  (parent?.children ?? []).filter((child): child is XmlElement => typeof child !== 'string' && child.name === name);

export const childElement = (parent: XmlElement | undefined, name: string): XmlElement | undefined => childElements(parent, name)[0];

/** The element's own text (its text and CDATA, not its children's), exactly as written. */
export function ownText(element: XmlElement | undefined): string | undefined {
  if (!element) return undefined;
  return element.children.filter((child): child is string => typeof child === 'string').join('');
}
