// Binds every contract method to the service that carries it out. One handler per method, synchronous,
// each multi-step change inside a single transaction in its service.
import { basename } from 'node:path';
import type { Db } from '../../db/connection.ts';
import { schemaVersion } from '../../db/connection.ts';
import type { Handlers, ImportResult } from '../api/contract.ts';
import { AppError, invalid } from './errors.ts';
import { articleService } from './articles.ts';
import { tagService } from './tags.ts';
import { settingsService } from './settings.ts';
import { annotationService } from './annotations.ts';
import { coderService } from './coders/store.ts';
import { articleCodeService } from './coders/article-codes.ts';
import { teamHandlers } from './team-handlers.ts';
import { exchangeHandlers } from './exchange-handlers.ts';
import { exportCsv } from './export-csv.ts';
import { entityStore } from './entities/store.ts';
import { chartService } from './entities/charts.ts';
import { linkService } from './entities/linking.ts';
import type { DetectionQueue } from './entities/queue.ts';
import { variableService } from './variables/store.ts';
import { variablesCsv } from './variables/csv.ts';
import { articleFilterSql } from './variables/filter.ts';
import { compareSummary } from './compare/summary.ts';
import { compareTimeline } from './compare/timeline.ts';
import { compareCooccurrence, cooccurrenceList } from './compare/cooccurrence.ts';
import { compareDistinctive, compareTermLines } from './compare/distinctive.ts';
import { codeMatrix, cooccurrenceMatrix } from './compare/matrix.ts';
import { createWordIndex } from './analysis/word-index.ts';
import { copyService, type CopyServiceOptions } from './copies/families-store.ts';
import { importInputs } from './import/inputs.ts';
import { convertPool } from './import/convert-pool.ts';
import { createJobs } from './jobs.ts';
import { previewSplit } from './import/split/split.ts';
import { importSheet, previewSheet } from './import/sheet/import.ts';
import type { ConvertedArticle } from './import/types.ts';

export function createServices(db: Db, options: { copies?: CopyServiceOptions } = {}) {
  const articles = articleService(db);
  const tags = tagService(db);
  const settings = settingsService(db);
  const coders = coderService(db);
  const annotations = annotationService(db, { articles, tags, settings, coders });
  const articleCodes = articleCodeService(db, { articles, tags, settings, coders });
  const variables = variableService(db);
  const entities = entityStore(db, { articles, variables });
  const charts = chartService(db, { tags, variables });
  const variableFiles = variablesCsv(db, { variables });
  const words = createWordIndex(db);
  const copies = copyService(db, options.copies);
  return { copies, db, articles, tags, settings, coders, annotations, articleCodes, entities, charts, variables, variableFiles, words };
}

export type Services = ReturnType<typeof createServices>;

function decodeBase64(data: string, name: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw invalid(`${name} did not arrive intact (its data is not base64).`);
  return Buffer.from(data, 'base64');
}

export type HandlerOptions = {
  path: string;
  detection: DetectionQueue;
  /** Queue every newly imported article for entity detection (the app does; scripts may not want to). */
  detectOnImport: boolean;
  readOnly: boolean;
  notices: string[];
};

export function createHandlers(services: Services, options: HandlerOptions): Handlers {
  const { db, articles, tags, settings, annotations, entities, charts, variables, variableFiles, words, copies } = services;
  const links = linkService(db, { entities, settings });
  const { path, detection } = options;
  const detectImported = <T extends { status: string; id?: number }>(results: T[]): T[] => {
    if (options.detectOnImport) detection.enqueue(results.filter((r) => r.status === 'imported').map((r) => r.id!));
    return results;
  };
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const jobs = createJobs();
  /** Runs a long call as the job the caller named, ended however the call ends. */
  const asJob = async <T>(id: string | undefined, run: (job: ReturnType<typeof jobs.begin>) => Promise<T>): Promise<T> => {
    const job = jobs.begin(id);
    try {
      return await run(job);
    } finally {
      job.end();
    }
  };
  return {
    'project.info': () => ({
      path,
      fileName: basename(path),
      articles: count('articles'),
      annotations: count('annotations'),
      tags: count('tags'),
      schemaVersion: schemaVersion(db),
      readOnly: options.readOnly,
      notices: options.notices,
    }),
    'settings.get': () => ({ annotator: settings.annotator() }),
    'settings.setAnnotator': ({ name }) => settings.setAnnotator(services.coders.ensure(name)),

    'articles.importText': ({ text, title, ...meta }) => detectImported([articles.importOne({ text, title, name: title?.trim() || 'Pasted text', meta })])[0]!,
    'articles.previewSplit': async ({ name, dataBase64, delimiter }) => {
      const text = await convertPool().wholeText(name, decodeBase64(dataBase64, name));
      return previewSplit(text, name, delimiter === undefined ? undefined : { delimiter });
    },
    'articles.importFiles': ({ files, meta, split, job: jobId }) =>
      asJob(jobId, async (job) => {
        const { title, ...given } = meta ?? {};
        const results: ImportResult[] = [];
        for (const [i, file] of files.entries()) {
          job.report('converting', i, files.length);
          let converted: ConvertedArticle[];
          try {
            converted = await convertPool().convert(file.name, decodeBase64(file.dataBase64, file.name), split ?? {}, job.signal);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            results.push({ name: file.name, status: 'error', message: error.message });
            continue;
          }
          // Each file's articles in one transaction of their own.
          results.push(...detectImported(articles.importMany(importInputs(file.name, converted, given, files.length === 1 ? title : undefined))));
        }
        return { results };
      }),
    'articles.previewSheet': async ({ name, dataBase64, encoding, delimiter }) =>
      previewSheet({ articles, settings, variables }, { name, bytes: decodeBase64(dataBase64, name), options: { encoding, delimiter } }),
    'articles.importSheet': ({ name, dataBase64, encoding, delimiter, mapping, dateOrder, meta, job: jobId }) =>
      asJob(jobId, async (job) => {
        const { results } = await importSheet(
          db,
          { articles, settings, variables },
          { name, bytes: decodeBase64(dataBase64, name), options: { encoding, delimiter }, mapping, dateOrder, given: meta },
          job,
        );
        return { results: detectImported(results) };
      }),
    'copies.find': ({ threshold, job }) => asJob(job, (j) => copies.find(threshold, j)),
    'jobs.progress': ({ job }) => jobs.progress(job),
    'jobs.cancel': ({ job }) => jobs.cancel(job),
    'copies.list': () => ({ families: copies.list() }),
    'articles.list': ({ search, conditions, copies, limit }) =>
      articles.list(search, limit, conditions?.length || copies === 'once' ? articleFilterSql({ conditions, copies }, variables.lookup()) : undefined),
    'articles.get': ({ id }) => articles.get(id),
    'articles.update': (input) => articles.update(input),
    'articles.delete': ({ id }) => articles.remove(id),

    'tags.list': () => ({ tags: tags.list() }),
    'tags.create': (input) => tags.create(input),
    'tags.ensurePath': ({ path: tagPath }) => tags.ensurePath(tagPath),
    'tags.update': (input) => tags.update(input),
    'tags.usage': ({ id }) => tags.usage(id),
    'tags.delete': ({ id }) => tags.remove(id),

    'annotations.list': ({ articleId }) => ({ annotations: annotations.list(articleId) }),
    'annotations.create': (input) => annotations.create(input),
    'annotations.update': (input) => annotations.update(input),
    'annotations.delete': ({ id }) => annotations.remove(id),
    'annotations.restore': ({ id }) => annotations.restore(id),

    'entities.list': (input) => ({ entities: entities.list(input) }),
    'entities.rename': ({ id, name }) => entities.rename(id, name),
    'entities.setType': ({ id, type }) => entities.setType(id, type),
    'entities.merge': ({ targetId, sourceIds }) => entities.merge(targetId, sourceIds),
    'entities.split': ({ id, alias }) => entities.split(id, alias),
    'entities.ignore': ({ id }) => entities.ignore(id),
    'entities.ignored': () => entities.ignored(),
    'entities.unignore': ({ name }) => entities.unignore(name),
    'entities.why': ({ id }) => entities.why(id),
    'entities.links': () => links.list(),
    'entities.findLinks': () => links.find(),
    'entities.acceptLink': ({ id }) => links.accept(id),
    'entities.rejectLink': ({ id }) => links.reject(id),
    'entities.setLinkAutoApply': ({ above }) => links.setAutoApply(above),
    'entities.detect': ({ articleId }) => {
      const ids = articleId !== undefined ? [articles.summary(articleId).id] : (db.prepare('SELECT id FROM articles ORDER BY id').pluck().all() as number[]);
      detection.enqueue(ids);
      return detection.progress();
    },
    'entities.progress': () => detection.progress(),
    'mentions.list': ({ articleId }) => ({ mentions: entities.mentions(articleId) }),
    'mentions.add': (input) => entities.addMention(input),
    'mentions.remove': ({ id }) => entities.removeMention(id),

    'charts.topEntities': ({ filters, limit }) => charts.topEntities(filters, limit),
    'charts.timeline': ({ entityIds, filters, granularity }) => charts.timeline(entityIds, filters, granularity),
    'charts.entityTags': ({ filters, limit }) => charts.entityTags(filters, limit),
    'charts.entityArticles': ({ entityId, filters }) => charts.entityArticles(entityId, filters),
    'charts.kwic': (input) => charts.kwic(input),

    'variables.list': () => ({ variables: variables.list() }),
    'variables.create': (input) => variables.create(input),
    'variables.update': (input) => variables.update(input),
    'variables.delete': ({ id }) => variables.remove(id),
    'variables.setValue': (input) => variables.setValue(input),
    'variables.importCsv': (input) => variableFiles.importCsv(input),
    'variables.exportCsv': (input) => variableFiles.exportCsv(input),

    'compare.summary': (input) => compareSummary(db, { tags, variables }, input),
    'compare.timeline': (input) => compareTimeline(db, { tags, variables }, input),
    'compare.cooccurrence': (input) => compareCooccurrence(db, { tags, variables }, input),
    'compare.cooccurrenceList': (input) => cooccurrenceList(db, { tags, variables }, input),
    'compare.distinctive': (input) => compareDistinctive(db, { tags, variables, words }, input),
    'compare.termLines': (input) => compareTermLines(db, { tags, variables, words }, input),

    'export.matrix': (options) => codeMatrix(db, { tags, variables }, options),
    'export.cooccurrence': (options) => cooccurrenceMatrix(db, { tags, variables }, options),
    'export.csv': (options) => exportCsv(db, { tags, entities, variables }, options),
    ...teamHandlers(services),
    ...exchangeHandlers(services, { path: options.path, decode: decodeBase64 }),
  };
}
