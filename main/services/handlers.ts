// Binds every contract method to the service that carries it out. One handler per method, synchronous,
// each multi-step change inside a single transaction in its service.
import { basename } from 'node:path';
import type { Db } from '../../db/connection.ts';
import { schemaVersion } from '../../db/connection.ts';
import type { Handlers } from '../api/contract.ts';
import { AppError, invalid } from './errors.ts';
import { articleService } from './articles.ts';
import { tagService } from './tags.ts';
import { settingsService } from './settings.ts';
import { annotationService } from './annotations.ts';
import { exportCsv } from './export-csv.ts';

export function createServices(db: Db) {
  const articles = articleService(db);
  const tags = tagService(db);
  const settings = settingsService(db);
  const annotations = annotationService(db, { articles, tags, settings });
  return { db, articles, tags, settings, annotations };
}

export type Services = ReturnType<typeof createServices>;

function decodeBase64(data: string, name: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw invalid(`${name} did not arrive intact (its data is not base64).`);
  return Buffer.from(data, 'base64');
}

export function createHandlers(services: Services, path: string): Handlers {
  const { db, articles, tags, settings, annotations } = services;
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return {
    'project.info': () => ({
      path,
      fileName: basename(path),
      articles: count('articles'),
      annotations: count('annotations'),
      tags: count('tags'),
      schemaVersion: schemaVersion(db),
    }),
    'settings.get': () => ({ annotator: settings.annotator() }),
    'settings.setAnnotator': ({ name }) => settings.setAnnotator(name),

    'articles.importText': ({ text, title, ...meta }) => articles.importOne({ text, title, name: title?.trim() || 'Pasted text', meta }),
    'articles.importFiles': ({ files, meta }) => ({
      results: files.map((file) => {
        const { title, ...rest } = meta ?? {};
        try {
          return articles.importFile({ name: file.name, bytes: decodeBase64(file.dataBase64, file.name), meta: rest, title: files.length === 1 ? title : undefined });
        } catch (error) {
          if (error instanceof AppError) return { name: file.name, status: 'error' as const, message: error.message };
          throw error;
        }
      }),
    }),
    'articles.list': ({ search, limit }) => articles.list(search, limit),
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
    'annotations.restore': ({ annotation }) => annotations.restore(annotation),

    'export.csv': (options) => exportCsv(db, tags, options),
  };
}
