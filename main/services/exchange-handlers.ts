// Binds the exchange methods (exchange-methods.ts) to REFI-QDA export and import.
import { basename } from 'node:path';
import type { Handlers } from '../api/contract.ts';
import type { exchangeMethods } from '../api/exchange-methods.ts';
import type { Services } from './handlers.ts';
import { exportQdc, exportQdpx } from './refi/export.ts';
import { importQdc, importQdpx } from './refi/import.ts';
import { describeRefi } from './refi/describe.ts';
import type { ImportReport } from './refi/report.ts';

const withSummary = (report: ImportReport) => ({ ...report, summary: describeRefi(report) });

type ExchangeHandlers = Pick<Handlers, keyof typeof exchangeMethods>;

export function exchangeHandlers(services: Services, options: { path: string; decode: (data: string, name: string) => Uint8Array }): ExchangeHandlers {
  const { db } = services;
  const base = basename(options.path).replace(/\.framelens$/i, '') || 'project';
  return {
    'export.qdpx': ({ name }) => ({ fileName: `${base}.qdpx`, dataBase64: Buffer.from(exportQdpx(db, { name: name ?? base })).toString('base64') }),
    'export.qdc': () => ({ fileName: `${base}.qdc`, xml: exportQdc(db) }),
    'project.importQdpx': ({ fileName, dataBase64 }) => withSummary(importQdpx(db, options.decode(dataBase64, fileName), fileName)),
    'tags.importQdc': ({ fileName, dataBase64 }) => withSummary(importQdc(db, options.decode(dataBase64, fileName), fileName)),
  };
}
