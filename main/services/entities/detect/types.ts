// Public types of the entity-mention detector.

export type EntityType = 'PER' | 'LOC' | 'ORG' | 'MISC';

/** One mention of a named entity: offsets are UTF-16 code units into the text, end exclusive. */
export type Mention = {
  start: number;
  end: number;
  /** The surface form exactly as written, inflection included ("Putins", "CSTO:s"). */
  text: string;
  type: EntityType;
  /** The canonical name the mention refers to ("Vladimir Putin", "CSTO"). */
  entity: string;
};

export type DetectOptions = {
  /** ISO 639-1 code from the article's metadata; detected from the text when missing, null or 'auto'. */
  language?: string | null;
  /** Lowercased canonical names or surface forms the analyst chose to ignore. */
  ignore?: Set<string>;
};

export type Detector = {
  detect(text: string, opts?: DetectOptions): Mention[];
  detectLanguage(text: string): string;
};

export type DetectorOptions = {
  /** Folder holding dictionary-sv and dictionary-en (node_modules); found automatically when omitted. */
  dictionaryRoot?: string;
};
