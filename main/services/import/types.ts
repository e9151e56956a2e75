// What every importer of an outside format gives back: plain-text articles with the metadata the file
// held. Importers are pure (bytes in, articles out): they never touch the project, never fetch, never
// run scripts and never resolve XML entities, and they refuse with an AppError (INVALID_INPUT) whose
// message names the file and what is wrong.

/** Metadata an importer found; each field only when the file had it. */
export type FoundMeta = {
  source?: string;
  author?: string;
  /** YYYY-MM-DD. */
  publishedAt?: string;
  /** A language code such as sv or en-GB. */
  language?: string;
  url?: string;
};

export type ConvertedArticle = {
  /** Plain text: LF line endings, paragraphs as blocks separated by a blank line, no Unicode normalisation. */
  text: string;
  title?: string;
  meta: FoundMeta;
  /** Where in the file the article came from ("item 3"), for files that hold many. */
  part?: string;
};

/** Limits on what an importer will read, so a hostile file cannot exhaust memory. */
export const IMPORT_LIMITS = {
  /** Bytes of a zip's entries once expanded (DOCX, XLSX, ODT, QDPX). */
  zipExpandedBytes: 200 * 1024 * 1024,
  /** Entries in a zip. */
  zipEntries: 10_000,
};
