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
  /** How the type was chosen, for the entity details. */
  why?: TypeReason;
};

/** What decided a mention's type: a rule of the detector, or the trained tagger with its confidence. */
export type TypeReason = {
  source: 'gazetteer' | 'title' | 'head word' | 'given name' | 'context' | 'dictionary' | 'form' | 'linked' | 'fallback' | 'model';
  /** One line for a person: "a country, continent or union in the gazetteer". */
  detail: string;
  /** The tagger's confidence in the type and span (0–1), when the tagger chose them. */
  confidence?: number;
  /** No trained tagger serves the text's language: the rules alone found and typed the name. */
  rulesOnly?: boolean;
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
  /** Languages the trained tagger serves; others are detected by the rules alone. */
  taggerLanguages?: string[];
};

export type DetectorOptions = {
  /** Folder holding dictionary-sv and dictionary-en (node_modules); found automatically when omitted. */
  dictionaryRoot?: string;
  /** The trained tagger's weights file; the committed one when omitted, none (rules only) when null. */
  taggerWeights?: string | null;
  /** Told why the tagger could not be loaded (the rules then work alone); a warning on stderr when omitted. */
  onWarning?: (message: string) => void;
};
