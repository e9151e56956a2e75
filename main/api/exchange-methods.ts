// The API of exchange with other QDA tools: REFI-QDA projects (.qdpx) and codebooks (.qdc), out and in.
// Part of the one contract.
import { z } from 'zod';
import { empty, shortText, type MethodSpec } from './schemas.ts';

const count = z.number().int();

/** What an import of a REFI-QDA file brought, and what it passed over and why. */
export const refiImportReport = z.object({
  file: z.string(),
  articles: z.object({ added: count, duplicate: count }),
  tags: z.object({ added: count, matched: count }),
  coders: z.object({ added: count, matched: count }),
  annotations: z.object({ added: count, alreadyHere: count }),
  articleCodes: z.object({ added: count, alreadyHere: count }),
  variables: z.object({ added: count, matched: count }),
  values: z.object({ set: count }),
  skipped: z.array(
    z.object({
      kind: z.enum(['source', 'selection', 'coding', 'value', 'variable', 'note']),
      source: z.string().optional(),
      guid: z.string().optional(),
      reason: z.string(),
    }),
  ),
  notes: z.array(z.string()),
  /** The report in one line, as the analyst reads it. */
  summary: z.string(),
});
export type RefiImportReport = z.infer<typeof refiImportReport>;

const upload = z.object({ fileName: z.string().min(1).max(500), dataBase64: z.string().min(1) });

export const exchangeMethods = {
  /** The whole project as REFI-QDA 1.5 (.qdpx: project.qde and the texts under sources/). */
  'export.qdpx': {
    effect: 'read',
    input: z.object({ name: shortText(200).optional() }),
    output: z.object({ fileName: z.string(), dataBase64: z.string() }),
  },
  /** The codebook alone as a REFI-QDA codebook (.qdc). */
  'export.qdc': {
    effect: 'read',
    input: empty,
    output: z.object({ fileName: z.string(), xml: z.string() }),
  },
  /** A REFI-QDA project from another tool: sources, codes, selections with their coders, notes, variables. */
  'project.importQdpx': { effect: 'write', input: upload, output: refiImportReport },
  /** A REFI-QDA codebook: its codes become tags, hierarchy, colours and descriptions kept. */
  'tags.importQdc': { effect: 'write', input: upload, output: refiImportReport },
} satisfies Record<string, MethodSpec>;
