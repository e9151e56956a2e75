// A real project file for the API's property tests: seeded once with articles whose text holds the
// characters offsets go wrong on, a small codebook, annotations, entities and mentions, and copied
// afresh whenever a property needs the seeded state back.
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openProject, type Project, type ProjectOptions } from '../../../main/services/project.ts';
import type { Annotation, Envelope } from '../../../main/api/contract.ts';
import { TRICKY_TEXT } from './project.ts';
import type { RefKind, World } from './api-arbitraries.ts';

/** How many cases each property tries: FRAMELENS_FUZZ_RUNS, small by default so `npm test` stays quick. */
export const FUZZ_RUNS = positiveInteger(process.env.FRAMELENS_FUZZ_RUNS, 10);
/** The seed every property starts from (fast-check prints it with any counterexample); FRAMELENS_FUZZ_SEED overrides it. */
export const FUZZ_SEED = integer(process.env.FRAMELENS_FUZZ_SEED, 20240611);

function positiveInteger(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`FRAMELENS_FUZZ_RUNS must be a positive whole number, not ${JSON.stringify(raw)}`);
  return n;
}

function integer(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`FRAMELENS_FUZZ_SEED must be a whole number, not ${JSON.stringify(raw)}`);
  return n | 0;
}

/**
 * A detection worker that answers at once with no mentions: the properties are about the API, not the
 * detector, and the real one takes seconds to load its dictionaries on every project opened.
 */
const quietWorkerSource = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => parentPort.postMessage({ articleId: job.articleId, language: job.language, mentions: [] }));
`;
export const spawnQuietWorker = () => new Worker(quietWorkerSource, { eval: true });

/** A fourth article long enough that an annotation's context is cut from the middle of the text. */
const LONG_TEXT =
  [
    'Regeringen i Stockholm presenterade på tisdagen en ny strategi för Sverige.',
    'Kritikerna kallar den “en återvändsgränd”, medan ministern talar om ‘nödvändiga steg’ 🚀.',
    'I Sthlm samlades demonstranter, och på plakaten stod det =SUMMA(A1:A9) och @regeringen.',
    'Ekonomer i Göteborg varnar för kostnader — “minst 4 miljarder kronor” — och pekar på Malmö.',
    'Oppositionen svarade med ett pressmeddelande: +46 8 123 45 på telefon, e-post på kvällen.',
    'Sverige har tidigare prövat liknande åtgärder, säger forskaren Åsa Öberg vid Lunds universitet 🇸🇪.',
  ].join(' ') +
  '\n\n' +
  'Debatten fortsätter i riksdagen på torsdag. Café-ägaren i Stockholm (cafe\u0301) är skeptisk. 😀 Slut.\n';

const ENGLISH_TEXT =
  '😀 Opening line. The minister said “we will not yield”, and the opposition replied: "=HYPERLINK(\'x\')" is no plan.\n' +
  'Second paragraph,\twith a tab, and a café (cafe\u0301) in Zürich. It ends with a flag 🇬🇧\n';

const SHORT_TEXT = 'Öl 🍺';

export type SeedFacts = {
  articles: number[];
  tags: number[];
  annotations: number[];
  deletedAnnotations: number[];
  /** The deleted annotations as the project answered their deletion. */
  deletedSnapshots: Annotation[];
  entities: number[];
};

function must<T>(envelope: Envelope<unknown>, what: string): T {
  if (!envelope.ok) throw new Error(`seeding the fuzz project: ${what} failed with ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

/** Fills a new project through the API itself (and one detected mention through the entity store). */
export function seedProject(project: Project): SeedFacts {
  const d = project.dispatch;
  must(d('settings.setAnnotator', { name: 'Åsa “AÖ” Öberg' }), 'naming the analyst');
  const importText = (text: string, meta: Record<string, unknown>) => {
    const result = must<{ status: string; id: number }>(d('articles.importText', { text, ...meta }), 'an import');
    if (result.status !== 'imported') throw new Error(`seeding the fuzz project: an article came back ${result.status}`);
    return result.id;
  };
  const swedish = importText(TRICKY_TEXT, {
    source: 'Dagens Nyheter',
    author: 'Åsa Öberg',
    publishedAt: '2024-03-01',
    language: 'sv',
    url: 'https://example.se/a?x=1,2',
  });
  const english = importText(ENGLISH_TEXT, {
    title: '-Minus in the headline',
    source: '=cmd|calc',
    author: '+46 70 123',
    publishedAt: '2023-12-31',
    language: 'en',
  });
  const short = importText(SHORT_TEXT, { title: '@handle', source: 'Sydsvenskan' });
  const long = importText(LONG_TEXT, { source: 'Dagens Nyheter', publishedAt: '2024-03-02', language: 'sv' });

  const tag = (value: Envelope<unknown>, what: string) => must<{ id: number }>(value, what).id;
  const threat = tag(d('tags.ensurePath', { path: ['Konflikt', 'Hot'] }), 'a tag path');
  const blame = tag(d('tags.ensurePath', { path: ['Konflikt', 'Skuld'] }), 'a tag path');
  const conflict = tag(d('tags.ensurePath', { path: ['Konflikt'] }), 'a tag path');
  const economy = tag(d('tags.create', { name: 'Ekonomi', color: '#112233', shortcut: 'e', description: 'Pengar, “kostnader”\noch "budget"' }), 'a tag');
  const formula = tag(d('tags.create', { name: '=Formel' }), 'a tag');
  const quoteTag = tag(d('tags.ensurePath', { path: ['Röst', '“Citat”'] }), 'a tag path');

  const span = (articleText: string, piece: string, from = 0) => {
    const start = articleText.indexOf(piece, from);
    if (start < 0) throw new Error(`seeding the fuzz project: ${JSON.stringify(piece)} is not in the text`);
    return { start, end: start + piece.length };
  };
  const annotate = (articleId: number, tagId: number, where: { start: number; end: number }, extra: Record<string, unknown> = {}) =>
    must<{ id: number }>(d('annotations.create', { articleId, tagId, ...where, ...extra }), 'an annotation').id;
  const annotations = [
    annotate(swedish, threat, span(TRICKY_TEXT, 'trolling på hög nivå'), { note: '=1+1, "citat"\nrad två' }),
    annotate(swedish, blame, span(TRICKY_TEXT, 'e\u0301 🇸🇪 😀')),
    annotate(english, economy, span(ENGLISH_TEXT, '😀')),
    annotate(english, quoteTag, span(ENGLISH_TEXT, 'we will not yield'), { note: '@mention, -minus' }),
    annotate(long, formula, span(LONG_TEXT, 'ministern talar om ‘nödvändiga steg’ 🚀'), { annotator: '+kodare' }),
    annotate(long, conflict, span(LONG_TEXT, 'Café-ägaren i Stockholm (cafe\u0301)')),
    annotate(short, economy, { start: 0, end: SHORT_TEXT.length }),
  ];
  const goneId = annotate(swedish, economy, span(TRICKY_TEXT, 'suveränitet'), { note: 'taken back' });
  const { deleted } = must<{ deleted: Annotation }>(d('annotations.delete', { id: goneId }), 'deleting an annotation');

  const mention = (articleId: number, articleText: string, piece: string, entity: Record<string, unknown>, from = 0) =>
    must<{ entityId: number }>(d('mentions.add', { articleId, ...span(articleText, piece, from), ...entity }), 'a mention').entityId;
  const astana = mention(swedish, TRICKY_TEXT, 'Astana', { name: 'Astana', type: 'LOC' });
  const president = mention(swedish, TRICKY_TEXT, 'Presidenten', { name: 'Presidenten', type: 'PER' });
  const sweden = mention(swedish, TRICKY_TEXT, '🇸🇪', { name: 'Sverige', type: 'LOC' });
  mention(long, LONG_TEXT, 'Sverige', { entityId: sweden });
  const zurich = mention(english, ENGLISH_TEXT, 'Zürich', { name: 'Zürich', type: 'LOC' });
  const minister = mention(english, ENGLISH_TEXT, 'minister', { name: 'The Minister', type: 'PER' });
  const stockholm = mention(long, LONG_TEXT, 'Stockholm', { name: 'Stockholm', type: 'LOC' });
  const sthlm = mention(long, LONG_TEXT, 'Sthlm', { name: 'Sthlm', type: 'LOC' });
  mention(long, LONG_TEXT, 'Stockholm', { entityId: stockholm }, LONG_TEXT.indexOf('Café'));
  must(d('entities.merge', { targetId: stockholm, sourceIds: [sthlm] }), 'merging two entities');
  const ignoredOne = mention(long, LONG_TEXT, 'Malmö', { name: 'Malmö', type: 'LOC' });
  must(d('entities.ignore', { id: ignoredOne }), 'ignoring an entity');
  const lund = mention(long, LONG_TEXT, 'Lunds universitet', { name: '=Lunds universitet', type: 'ORG' });

  const ministern = span(TRICKY_TEXT, 'rådgivare');
  project.services.entities.applyDetection(swedish, [{ ...ministern, text: 'rådgivare', entity: 'Rådgivaren', type: 'PER' }], 'sv');

  return {
    articles: [swedish, english, short, long],
    tags: [threat, blame, conflict, economy, formula, quoteTag],
    annotations,
    deletedAnnotations: [goneId],
    deletedSnapshots: [deleted],
    entities: [astana, president, sweden, zurich, minister, stockholm, lund],
  };
}

/** The live ids of each kind of row, and the other things a generated call can point at. */
export function projectWorld(project: Project, deleted: ReadonlySet<number>): World {
  const db = project.db;
  const hasTrash = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'deleted_annotations'").get() !== undefined;
  const list = (sql: string) => db.prepare(sql).pluck();
  const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  // A kind whose table this version of the project does not have yet has no rows.
  const idsIn = (table: string) => (tables.has(table) ? list(`SELECT id FROM ${table} ORDER BY id`) : { all: () => [] });
  const idsOf: Record<Exclude<RefKind, 'deletedAnnotation'>, { all(): unknown[] }> = {
    article: idsIn('articles'),
    tag: idsIn('tags'),
    annotation: idsIn('annotations'),
    entity: idsIn('entities'),
    mention: idsIn('mentions'),
    variable: idsIn('variables'),
  };
  const kept = hasTrash ? list('SELECT id FROM deleted_annotations ORDER BY id') : null;
  const textOf = list('SELECT text FROM articles WHERE id = ?');
  const aliasesOf = list('SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias');
  const ignored = list('SELECT name FROM ignored_names ORDER BY name');
  const tagNames = list('SELECT name FROM tags ORDER BY id');
  const entityNames = list('SELECT alias FROM entity_aliases ORDER BY alias');
  const texts = list('SELECT text FROM articles ORDER BY id');
  const sources = list('SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY source');
  return {
    ids(kind) {
      if (kind === 'deletedAnnotation') {
        const fromFile = kept ? (kept.all() as number[]) : [];
        return [...new Set([...fromFile, ...deleted])].sort((a, b) => a - b);
      }
      return idsOf[kind].all() as number[];
    },
    text: (articleId) => textOf.get(articleId) as string | undefined,
    aliases: (entityId) => aliasesOf.all(entityId) as string[],
    ignoredNames: () => ignored.all() as string[],
    tagNames: () => tagNames.all() as string[],
    entityNames: () => entityNames.all() as string[],
    articleTexts: () => texts.all() as string[],
    sources: () => sources.all() as string[],
  };
}

/**
 * Where the working copies go: a memory-backed folder where the system has one (Linux's /dev/shm), so
 * the many resets do not wait for the disk; the ordinary temporary folder elsewhere. The project code
 * is the same on both: only the time fsync takes differs.
 */
function fastTempRoot(): string {
  const shm = '/dev/shm';
  try {
    accessSync(shm, constants.W_OK);
    return shm;
  } catch {
    return tmpdir();
  }
}

/**
 * The seeded project as a file in a temporary folder, and a working copy of it that the properties
 * change; `reset` puts the working copy back to the seeded state.
 */
export class FuzzProject {
  readonly dir: string;
  readonly seed: SeedFacts;
  private readonly templatePath: string;
  private readonly workPath: string;
  private current: Project | null = null;
  private currentWorld: World | null = null;
  /** Annotations deleted through the API in the working copy since its last reset. */
  readonly deleted = new Set<number>();

  constructor() {
    this.dir = mkdtempSync(join(fastTempRoot(), 'framelens-fuzz-'));
    this.templatePath = join(this.dir, 'seeded.framelens');
    this.workPath = join(this.dir, 'work.framelens');
    const template = openProject(this.templatePath, { spawnDetectionWorker: spawnQuietWorker });
    try {
      this.seed = seedProject(template);
    } finally {
      template.close();
    }
  }

  get project(): Project {
    if (!this.current) this.reset();
    return this.current!;
  }

  world(): World {
    const project = this.project;
    return (this.currentWorld ??= projectWorld(project, this.deleted));
  }

  /** Closes the working copy and opens a fresh copy of the seeded project in its place. */
  reset(): Project {
    this.closeWork();
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(this.workPath + suffix, { force: true });
    copyFileSync(this.templatePath, this.workPath);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(this.templatePath + suffix)) copyFileSync(this.templatePath + suffix, this.workPath + suffix);
    }
    this.deleted.clear();
    this.current = openProject(this.workPath, { spawnDetectionWorker: spawnQuietWorker });
    return this.current;
  }

  /** Starts again from the seeded state when the working copy has grown past what keeps the checks quick. */
  keepSmall(): void {
    const db = this.project.db;
    const counts = db
      .prepare(
        `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT coalesce(sum(char_count), 0) FROM articles) AS chars,
                (SELECT count(*) FROM tags) AS tags, (SELECT count(*) FROM annotations) AS annotations,
                (SELECT count(*) FROM entities) AS entities, (SELECT count(*) FROM mentions) AS mentions`,
      )
      .get() as Record<string, number>;
    const depleted = counts.articles! < 2 || counts.tags! < 2 || counts.annotations! < 2 || counts.entities! < 2;
    const grown =
      counts.articles! > 40 || counts.chars! > 400_000 || counts.tags! > 80 || counts.annotations! > 200 || counts.entities! > 80 || counts.mentions! > 200;
    if (depleted || grown) this.reset();
  }

  /**
   * A second copy of the seeded project, opened with the given options (read-only, a short wait for the
   * write lock); `lock` makes another connection hold the copy's write lock, as another program would.
   */
  openCopy(name: string, options: ProjectOptions, lock = false): { project: Project; close(): void } {
    const path = join(this.dir, `${name}.framelens`);
    copyFileSync(this.templatePath, path);
    const project = openProject(path, { spawnDetectionWorker: spawnQuietWorker, ...options });
    let blocker: Database.Database | null = null;
    if (lock) {
      blocker = new Database(path);
      blocker.exec('BEGIN IMMEDIATE');
    }
    return {
      project,
      close: () => {
        if (blocker?.inTransaction) blocker.exec('ROLLBACK');
        blocker?.close();
        project.close();
      },
    };
  }

  private closeWork(): void {
    if (this.current) {
      this.current.close();
      this.current = null;
      this.currentWorld = null;
    }
  }

  cleanup(): void {
    this.closeWork();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
