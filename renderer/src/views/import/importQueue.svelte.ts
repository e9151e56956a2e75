// The Files tab's queue: the files chosen or dropped, imported one call per file so each gets its own
// outcome, with the steps some files need first (a spreadsheet's columns, a news-database export's
// split), progress of the file being read, and a Cancel that stops it before anything of it is stored.
import type { Api, ImportResult, Output } from '../../../../main/api/contract.ts';
import { fileToBase64 } from '../../lib/files.ts';
import { ApiCallError, messageOf } from '../../lib/api.ts';

export type Entry = {
  file: File;
  status: 'waiting' | 'importing' | ImportResult['status'];
  id?: number;
  title?: string;
  message?: string;
  /** Stopped by Cancel before anything of it was stored: Import takes it up again. */
  cancelled?: boolean;
};
export type SheetOutcome = ImportResult[] | 'skipped' | 'cancelled';
export type SheetStep = {
  file: File;
  dataBase64: string;
  job: string;
  meta: Record<string, string | undefined>;
  /** The analyst confirmed the columns and the rows are being imported. */
  importing: boolean;
  resolve: (outcome: SheetOutcome) => void;
};
export type SplitStep = { file: File; preview: Output<'articles.previewSplit'>; resolve: (split: boolean) => void };
export type JobProgress = Output<'jobs.progress'>;

/** Spreadsheets of articles go through the mapping step, one at a time. */
const isSheet = (file: File) => /\.(csv|tsv|xlsx)$/i.test(file.name);
/** REFI-QDA projects and codebooks from other QDA tools are imported whole, codes and coders kept. */
const isRefi = (file: File) => /\.(qdpx|qdc)$/i.test(file.name);
/** Files that may hold many articles one after another, as news databases export them. */
const mayHoldMany = (file: File) => /\.(txt|text|docx|rtf|odt|html?|pdf)$/i.test(file.name);
const given = (value: string) => (value.trim() ? value.trim() : undefined);

/** How often the progress of a long file is asked for, once it has run that long. */
const POLL_MS = 400;
let jobCount = 0;
const newJob = () => `import-${Date.now().toString(36)}-${++jobCount}-${Math.random().toString(36).slice(2, 8)}`;

export class ImportQueue {
  entries = $state<Entry[]>([]);
  running = $state(false);
  /** Cancel was pressed: the file being read stops, and the files after it stay queued. */
  stopping = $state(false);
  /** Details that apply to every file of the batch (a batch usually comes from one outlet). */
  meta = $state({ source: '', author: '', publishedAt: '', language: '', url: '' });
  /** A problem with those details: the run stops so they can be corrected, and the files stay queued. */
  metaError = $state<string | null>(null);
  sheetStep = $state<SheetStep | null>(null);
  splitStep = $state<SplitStep | null>(null);
  /** How far the file being imported has come, for a file that takes a while. */
  progress = $state<JobProgress | null>(null);

  done = $derived(this.entries.filter((e) => e.status !== 'waiting' && e.status !== 'importing').length);
  waiting = $derived(this.entries.filter((e) => e.status === 'waiting').length);
  summary = $derived({
    imported: this.entries.filter((e) => e.status === 'imported').length,
    duplicate: this.entries.filter((e) => e.status === 'duplicate').length,
    error: this.entries.filter((e) => e.status === 'error').length,
  });

  #job: string | null = null;

  constructor(
    private readonly api: Api,
    private readonly onimported: () => void,
  ) {}

  /** Adds files to the queue (a running import takes them up too); a new choice after a finished run starts a fresh list. */
  add(files: File[]) {
    if (!files.length) return;
    if (!this.running && !this.waiting) this.entries = [];
    this.entries.push(...files.map((file): Entry => ({ file, status: 'waiting' })));
  }

  remove(entry: Entry) {
    this.entries = this.entries.filter((e) => e !== entry);
  }

  /** Stops the file being read (nothing of it is stored) and the run after it. */
  cancel() {
    if (!this.running) return;
    this.stopping = true;
    // A step still waiting for the analyst ends at once; a file being read is stopped by the host.
    if (this.sheetStep && !this.sheetStep.importing) this.sheetStep.resolve('cancelled');
    else if (this.splitStep) this.splitStep.resolve(false);
    else if (this.#job) void this.api['jobs.cancel']({ job: this.#job }).catch(() => {});
  }

  async importAll() {
    this.running = true;
    this.stopping = false;
    this.metaError = null;
    let added = false;
    const m = this.meta;
    const details = { source: given(m.source), author: given(m.author), publishedAt: given(m.publishedAt), language: given(m.language), url: given(m.url) };
    for (const entry of this.entries) {
      if (this.stopping) break;
      if (entry.status !== 'waiting') continue;
      entry.status = 'importing';
      entry.cancelled = false;
      try {
        const results = await this.importOne(entry, details);
        if (results === 'cancelled') {
          Object.assign(entry, { status: 'waiting', cancelled: true });
          break;
        }
        if (results === 'skipped') Object.assign(entry, { status: 'error', message: 'Skipped: its columns were not mapped.' });
        else Object.assign(entry, fileOutcome(results));
        if (results !== 'skipped' && results.some((r) => r.status === 'imported')) added = true;
      } catch (e) {
        if (e instanceof ApiCallError && e.code === 'INVALID_INPUT' && e.message.startsWith('meta.')) {
          entry.status = 'waiting';
          this.metaError = `Check the details for these files: ${e.message.replace(/^meta\./, '')}`;
          break;
        }
        if (e instanceof ApiCallError && e.code === 'CANCELLED') {
          Object.assign(entry, { status: 'waiting', cancelled: true });
          break;
        }
        entry.status = 'error';
        entry.message = messageOf(e);
      }
    }
    this.running = false;
    this.stopping = false;
    if (added) this.onimported();
  }

  /** One file's results; 'cancelled' when Cancel stopped it before anything was stored. */
  private async importOne(entry: Entry, details: Record<string, string | undefined>): Promise<SheetOutcome> {
    const dataBase64 = await fileToBase64(entry.file);
    const file = entry.file;
    if (isRefi(file)) {
      const fileName = file.name;
      const method = /\.qdc$/i.test(fileName) ? 'tags.importQdc' : 'project.importQdpx';
      const report = await this.api[method]({ fileName, dataBase64 });
      const added = report.articles.added + report.annotations.added + report.tags.added > 0;
      entry.title = undefined;
      return [{ name: fileName, status: added ? 'imported' : 'duplicate', message: report.summary }];
    }
    if (isSheet(file)) {
      const job = newJob();
      // The mapping step calls importSheet with this job once the analyst confirms; progress follows it.
      const outcome = new Promise<SheetOutcome>((resolve) => (this.sheetStep = { file, dataBase64, job, meta: details, importing: false, resolve }));
      const stop = this.follow(job);
      try {
        return await outcome;
      } finally {
        stop();
        this.sheetStep = null;
      }
    }
    const split = mayHoldMany(file) && (await this.askSplit(file, dataBase64));
    if (this.stopping) return 'cancelled';
    const job = newJob();
    const stop = this.follow(job);
    try {
      const { results } = await this.api['articles.importFiles']({
        files: [{ name: file.name, dataBase64 }],
        meta: details,
        split: split ? { split } : undefined,
        job,
      });
      // A file refused while Cancel was on its way was stopped by it (or would be refused again anyway).
      return this.stopping && results.every((r) => r.status === 'error') ? 'cancelled' : results;
    } finally {
      stop();
    }
  }

  /** Makes `job` the one Cancel stops, and asks for its progress while it runs; returns the way to stop asking. */
  private follow(job: string): () => void {
    this.#job = job;
    this.progress = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const progress = await this.api['jobs.progress']({ job });
        if (this.#job === job) this.progress = progress.running ? progress : null;
      } catch {
        // Progress is a courtesy: the import itself reports what went wrong.
      }
      if (this.#job === job) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      clearTimeout(timer);
      if (this.#job === job) this.#job = null;
      this.progress = null;
    };
  }

  /** Asks the analyst when the file looks like an export of many articles; false when it does not. */
  private async askSplit(file: File, dataBase64: string): Promise<boolean> {
    let preview: Output<'articles.previewSplit'>;
    try {
      preview = await this.api['articles.previewSplit']({ name: file.name, dataBase64 });
    } catch {
      return false; // the import itself says what is wrong with the file
    }
    if (preview.count < 2 || this.stopping) return false;
    const split = await new Promise<boolean>((resolve) => (this.splitStep = { file, preview, resolve }));
    this.splitStep = null;
    return split;
  }
}

/** One line for a file: its article, or for a file of many (a feed) how many of each outcome. */
function fileOutcome(results: ImportResult[]): Pick<Entry, 'status' | 'id' | 'title' | 'message'> {
  const [first] = results;
  if (!first) return { status: 'error', message: 'The web host gave no result for this file.' };
  if (results.length === 1) return { status: first.status, id: first.id, title: first.title, message: first.message };
  const count = (status: ImportResult['status']) => results.filter((r) => r.status === status).length;
  const imported = count('imported');
  const parts = [
    `${imported.toLocaleString('en-US')} imported`,
    count('duplicate') && `${count('duplicate').toLocaleString('en-US')} already in the project`,
    count('error') && `${count('error').toLocaleString('en-US')} refused`,
  ];
  const status = imported ? 'imported' : count('duplicate') ? 'duplicate' : 'error';
  const refused = results.find((r) => r.status === 'error')?.message;
  return {
    status,
    id: results.find((r) => r.status === 'imported')?.id,
    title: undefined,
    message: `${results.length.toLocaleString('en-US')} articles: ${parts.filter(Boolean).join(', ')}.${refused ? ` ${refused}` : ''}`,
  };
}
