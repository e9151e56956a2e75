// From the XML tree of project.qde (or a .qdc codebook) to the plain model in model.ts. Lenient where
// tools differ (a missing name, braces around GUIDs, #RGB colours), strict where a mistake would move
// data: positions stay as written until they are checked against the text.
import { invalid } from '../errors.ts';
import { normaliseGuid } from './guid.ts';
import type { RefiCode, RefiCoding, RefiProject, RefiSelection, RefiTextSource, RefiValue, RefiVariable, RefiVariableType } from './model.ts';
import { childElement, childElements, ownText, type XmlElement } from './xml-read.ts';

const VARIABLE_TYPES: readonly RefiVariableType[] = ['Text', 'Boolean', 'Integer', 'Float', 'Date', 'DateTime'];
const VALUE_KINDS: Record<string, RefiVariableType> = {
  TextValue: 'Text',
  BooleanValue: 'Boolean',
  IntegerValue: 'Integer',
  FloatValue: 'Float',
  DateValue: 'Date',
  DateTimeValue: 'DateTime',
};
const OTHER_SOURCES = new Set(['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource']);

const attr = (element: XmlElement, name: string): string | undefined => element.attrs.get(name);
const guidAttr = (element: XmlElement, name = 'guid'): string | undefined => normaliseGuid(attr(element, name));
const textOf = (element: XmlElement | undefined): string | undefined => {
  const text = ownText(element);
  return text && text.trim() ? text : undefined;
};
const noteRefs = (element: XmlElement): string[] =>
  childElements(element, 'NoteRef').flatMap((ref) => {
    const guid = guidAttr(ref, 'targetGUID');
    return guid ? [guid] : [];
  });

/** The whole project. `label` names project.qde in messages. */
export function readProject(root: XmlElement, label: string): RefiProject {
  if (root.name !== 'Project') throw invalid(`${label} is not a REFI-QDA project: its root element is <${root.name}>, not <Project>.`);
  const project: RefiProject = {
    name: attr(root, 'name'),
    users: [],
    codes: readCodes(childElement(root, 'CodeBook')),
    variables: [],
    sources: [],
    otherSources: [],
    notes: new Map(),
  };
  for (const user of childElements(childElement(root, 'Users'), 'User')) {
    const guid = guidAttr(user);
    if (guid) project.users.push({ guid, name: attr(user, 'name') });
  }
  for (const variable of childElements(childElement(root, 'Variables'), 'Variable')) {
    const read = readVariable(variable);
    if (read) project.variables.push(read);
  }
  for (const source of childElement(root, 'Sources')?.children ?? []) {
    if (typeof source === 'string') continue;
    if (source.name === 'TextSource') project.sources.push(readTextSource(source));
    else if (OTHER_SOURCES.has(source.name)) project.otherSources.push({ kind: source.name, name: attr(source, 'name') });
  }
  for (const note of childElements(childElement(root, 'Notes'), 'Note')) {
    const guid = guidAttr(note);
    if (guid)
      project.notes.set(guid, {
        guid,
        name: attr(note, 'name'),
        content: ownText(childElement(note, 'PlainTextContent')),
        plainTextPath: attr(note, 'plainTextPath'),
      });
  }
  return project;
}

/** A codebook file's codes: a <CodeBook> root, or the CodeBook of a whole project. */
export function readCodebook(root: XmlElement, label: string): RefiCode[] {
  if (root.name === 'CodeBook') return readCodes(root);
  if (root.name === 'Project') return readCodes(childElement(root, 'CodeBook'));
  throw invalid(`${label} is not a REFI-QDA codebook: its root element is <${root.name}>, not <CodeBook>.`);
}

function readCodes(codebook: XmlElement | undefined): RefiCode[] {
  return childElements(childElement(codebook, 'Codes'), 'Code').map(readCode);
}

function readCode(code: XmlElement): RefiCode {
  return {
    guid: guidAttr(code),
    name: attr(code, 'name') ?? '',
    codable: attr(code, 'isCodable')?.trim() !== 'false' && attr(code, 'isCodable')?.trim() !== '0',
    color: colour(attr(code, 'color')),
    description: textOf(childElement(code, 'Description')),
    children: childElements(code, 'Code').map(readCode),
  };
}

/** #RRGGBB, from #RRGGBB or #RGB; anything else is no colour. */
function colour(value: string | undefined): string | undefined {
  const v = value?.trim() ?? '';
  if (/^#[0-9a-fA-F]{6}$/.test(v)) return v;
  if (/^#[0-9a-fA-F]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`;
  return undefined;
}

function readVariable(variable: XmlElement): RefiVariable | undefined {
  const guid = guidAttr(variable);
  const name = attr(variable, 'name');
  if (!guid || name === undefined) return undefined;
  const written = attr(variable, 'typeOfVariable')?.trim();
  const type = VARIABLE_TYPES.find((t) => t.toLowerCase() === written?.toLowerCase()) ?? 'Text';
  return { guid, name, type, description: textOf(childElement(variable, 'Description')) };
}

function readTextSource(source: XmlElement): RefiTextSource {
  const content = childElement(source, 'PlainTextContent');
  return {
    guid: guidAttr(source),
    name: attr(source, 'name'),
    plainTextPath: attr(source, 'plainTextPath'),
    content: content ? (ownText(content) ?? '') : undefined,
    creationDateTime: attr(source, 'creationDateTime'),
    selections: childElements(source, 'PlainTextSelection').map(readSelection),
    codings: childElements(source, 'Coding').map(readCoding),
    noteRefs: noteRefs(source),
    values: childElements(source, 'VariableValue').map(readValue),
  };
}

function readSelection(selection: XmlElement): RefiSelection {
  return {
    guid: guidAttr(selection),
    startPosition: attr(selection, 'startPosition'),
    endPosition: attr(selection, 'endPosition'),
    creatingUser: guidAttr(selection, 'creatingUser'),
    creationDateTime: attr(selection, 'creationDateTime'),
    modifiedDateTime: attr(selection, 'modifiedDateTime'),
    description: textOf(childElement(selection, 'Description')),
    codings: childElements(selection, 'Coding').map(readCoding),
    noteRefs: noteRefs(selection),
  };
}

function readCoding(coding: XmlElement): RefiCoding {
  return {
    guid: guidAttr(coding),
    codeGuid: normaliseGuid(childElement(coding, 'CodeRef')?.attrs.get('targetGUID')),
    creatingUser: guidAttr(coding, 'creatingUser'),
    creationDateTime: attr(coding, 'creationDateTime'),
    noteRefs: noteRefs(coding),
  };
}

function readValue(value: XmlElement): RefiValue {
  const variableGuid = normaliseGuid(childElement(value, 'VariableRef')?.attrs.get('targetGUID'));
  for (const child of value.children) {
    if (typeof child === 'string' || !(child.name in VALUE_KINDS)) continue;
    return { variableGuid, kind: VALUE_KINDS[child.name], value: ownText(child) ?? '' };
  }
  return { variableGuid, kind: undefined, value: '' };
}
