// A REFI-QDA project or codebook as read from its XML, before anything is matched against the project:
// the parts Framelens takes in, with GUIDs in lower case without braces and text as the file held it.

export type RefiUser = { guid: string; name?: string };

export type RefiCode = { guid?: string; name: string; codable: boolean; color?: string; description?: string; children: RefiCode[] };

/** The schema's typeOfVariable. */
export type RefiVariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' | 'DateTime';

export type RefiVariable = { guid: string; name: string; type: RefiVariableType; description?: string };

/** A VariableValue: the variable it is for, and its value as written in the element that held it. */
export type RefiValue = { variableGuid?: string; kind: RefiVariableType | undefined; value: string };

export type RefiCoding = { guid?: string; codeGuid?: string; creatingUser?: string; creationDateTime?: string; noteRefs: string[] };

export type RefiSelection = {
  guid?: string;
  /** As written: checked to be whole numbers when the selection is placed. */
  startPosition?: string;
  endPosition?: string;
  creatingUser?: string;
  creationDateTime?: string;
  modifiedDateTime?: string;
  description?: string;
  codings: RefiCoding[];
  noteRefs: string[];
};

export type RefiTextSource = {
  guid?: string;
  name?: string;
  plainTextPath?: string;
  /** Inline text (PlainTextContent), when the source carries its text in the XML. */
  content?: string;
  creationDateTime?: string;
  selections: RefiSelection[];
  /** Codings of the source as a whole. */
  codings: RefiCoding[];
  noteRefs: string[];
  values: RefiValue[];
};

export type RefiNote = { guid: string; name?: string; content?: string; plainTextPath?: string };

export type RefiProject = {
  name?: string;
  users: RefiUser[];
  codes: RefiCode[];
  variables: RefiVariable[];
  sources: RefiTextSource[];
  /** Sources of other kinds (pictures, PDF, audio, video), which Framelens does not import. */
  otherSources: { kind: string; name?: string }[];
  notes: Map<string, RefiNote>;
};
