// Reading a REFI-QDA XML file without trusting it. Entities are never expanded: a document that declares
// any is refused before parsing (expansion is how a "billion laughs" file exhausts memory, and external
// entities would read files on this computer), and the parser runs with entity processing off. The five
// predefined entities and character references are decoded by xml-safe.ts. Namespace prefixes are dropped: the
// REFI elements are read by their local names, whatever prefix a tool gave them.
import { XMLValidator, type ValidationError } from 'fast-xml-parser';
import { invalid } from '../errors.ts';
import { declaresEntities, readXmlTree, XmlReadError, type XmlNode } from '../import/xml-safe.ts';

export type XmlElement = {
  /** The local name, without any namespace prefix. */
  name: string;
  attrs: Map<string, string>;
  /** Text (entities decoded, CDATA as written) and child elements, in document order. */
  children: (XmlElement | string)[];
};

/** Far deeper than any codebook; the parser refuses beyond it, which bounds the recursion here. */
export const MAX_NESTING = 200;

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
  let top: XmlNode | undefined;
  try {
    top = readXmlTree(source, MAX_NESTING);
  } catch (error) {
    if (!(error instanceof XmlReadError)) throw error;
    if (error.kind === 'nesting')
      throw invalid(`${label} nests XML elements more than ${MAX_NESTING} deep; no project needs that, so Framelens does not read it.`);
    throw invalid(`${label} could not be read as XML (${error.message}).`);
  }
  if (!top) throw invalid(`${label} holds no XML element.`);
  return withLocalNames(top);
}

// --- Refusals before parsing ------------------------------------------------------------------------

function describe(problem: ValidationError): string {
  const { msg, line } = problem.err;
  // Elements left open at the end are reported as "Invalid '[ "Project", "Sources" ]' found." on line 1.
  if (/^Invalid '\[/.test(msg)) return 'it ends with elements left open';
  return `${msg.replace(/\.$/, '')}, line ${line}`;
}

// --- The tree ---------------------------------------------------------------------------------------

const localName = (tag: string) => tag.slice(tag.indexOf(':') + 1);

/** The tree with every name local and the namespace declarations left out. */
function withLocalNames(node: XmlNode): XmlElement {
  const attrs = new Map<string, string>();
  for (const [key, value] of node.attrs) if (key !== 'xmlns' && !key.startsWith('xmlns:')) attrs.set(localName(key), value);
  return { name: localName(node.tag), attrs, children: node.children.map((child) => (typeof child === 'string' ? child : withLocalNames(child))) };
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
