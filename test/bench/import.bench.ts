// Importing outside formats at speed: saved web pages of 100 KB, Word documents of 50 KB, and a 50 MB
// CSV of 20,000 articles, each beside a baseline measured in the same run (what the format's own
// parsing costs: the DOM alone, unzipping alone, CSV parsing alone).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { parseHTML } from 'linkedom';
import { convertHtml } from '../../main/services/import/html.ts';
import { convertDocx } from '../../main/services/import/docx.ts';
import { openProject } from '../../main/services/project.ts';
import { createConvertPool } from '../../main/services/import/convert-pool.ts';
import { openDatabase } from '../../db/connection.ts';
import { article, fmt, median, random, vocabulary, zipfPicker } from './corpus.ts';

const time = async (fn: () => unknown, runs = 3) => {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
};

function bigPage(): string {
  const page = readFileSync(new URL('../unit/fixtures/import/news-page.html', import.meta.url), 'utf8');
  const rnd = random(3);
  const pick = zipfPicker(vocabulary(8000, rnd), rnd);
  let body = '';
  while (body.length < 92_000) body += `<p>${article(pick, rnd, 600).replace(/\n+/g, ' ')}</p>\n`;
  return page.replace('<p>Toppmötet avslutas', `${body}<p>Toppmötet avslutas`);
}

function docxOf(text: string): Uint8Array {
  const paras = text
    .split(/\n+/)
    .map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`)
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paras}<w:sectPr/></w:body></w:document>`,
    ),
  });
}

export async function runImportBench(log: (line: string) => void = console.log) {
  const page = bigPage();
  const pages = 20;
  const html = await time(() => {
    for (let i = 0; i < pages; i++) convertHtml(page, 'page.html');
  });
  const dom = await time(() => {
    for (let i = 0; i < pages; i++) parseHTML(page);
  });
  // The import converts in a pool of worker threads, one per core: what an import of many pages gets.
  const pool = createConvertPool();
  const pageBytes = Buffer.from(page);
  await Promise.all([0, 1].map(() => pool.convert('warm.html', pageBytes))); // workers started and warm
  const pooled = await time(() => Promise.all(Array.from({ length: pages * 2 }, (_, i) => pool.convert(`p${i}.html`, pageBytes))));
  await pool.close();
  log(
    `HTML, pages of ${fmt(Buffer.byteLength(page) / 1024)} KB: ${fmt((pages * 2000) / pooled, 1)} pages/s through the worker pool (target ≥ 200) | ` +
      `one thread ${fmt((pages * 1000) / html, 1)} pages/s | building the DOM alone ${fmt((pages * 1000) / dom, 1)} pages/s`,
  );

  const rnd = random(5);
  const pick = zipfPicker(vocabulary(8000, rnd), rnd);
  const doc = docxOf(article(pick, rnd, 50_000));
  const files = 30;
  const word = await time(async () => {
    for (let i = 0; i < files; i++) await convertDocx(doc, 'a.docx');
  });
  const unzip = await time(() => {
    for (let i = 0; i < files; i++) unzipSync(doc);
  });
  log(`DOCX, files of 50,000 characters: ${fmt((files * 1000) / word, 1)} files/s (target ≥ 50) | unzipping alone ${fmt((files * 1000) / unzip, 1)} files/s`);

  const rows = ['title;source;date;text'];
  for (let i = 0; i < 20_000; i++)
    rows.push(`Nyhet ${i};Källa ${i % 9};${1 + (i % 28)}.0${1 + (i % 9)}.2024;"${article(pick, rnd, 2500).replace(/"/g, '""')}"`);
  const csv = Buffer.from(rows.join('\n'));
  const dir = mkdtempSync(join(tmpdir(), 'framelens-import-bench-'));
  try {
    const p = openProject(join(dir, 'sheet.framelens'));
    const dataBase64 = csv.toString('base64');
    const t = performance.now();
    const r = (await p.dispatchAsync('articles.importSheet', { name: 'press.csv', dataBase64, mapping: { title: 0, source: 1, publishedAt: 2, text: 3 } })) as {
      ok: boolean;
      value?: { results: { status: string }[] };
    };
    const sheet = performance.now() - t;
    if (!r.ok) log(`CSV import refused: ${JSON.stringify(r).slice(0, 300)}`);
    const imported = r.value?.results.filter((x) => x.status === 'imported').length ?? 0;
    const baseline = await time(() => parse(csv.toString('utf8'), { delimiter: ';' }), 1);
    log(
      `CSV of ${fmt(csv.length / 1024 / 1024, 1)} MB, ${fmt(imported)} articles imported: ${fmt(sheet / 1000, 1)} s (target ≤ 15 s) | csv-parse alone ${fmt(baseline / 1000, 1)} s`,
    );
    p.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bin = fileURLToPath(new URL('../../main/bin/framelens.mjs', import.meta.url));

/**
 * `framelens import` of 10,000 plain-text files as an analyst runs it (start-up included), beside a bare
 * better-sqlite3 loop that reads the same files and writes the same rows with their content hash and
 * full-text index.
 */
export function runCliImportBench(log: (line: string) => void = console.log, files = 10_000) {
  const dir = mkdtempSync(join(tmpdir(), 'framelens-cli-import-'));
  try {
    const rnd = random(11);
    const pick = zipfPicker(vocabulary(20_000, rnd), rnd);
    const folder = join(dir, 'texts');
    mkdirSync(folder);
    for (let i = 0; i < files; i++) writeFileSync(join(folder, `a${i}.txt`), `Artikel ${i}\n\n${article(pick, rnd, 3000)}`);

    const bareRun = () => {
      const db = openDatabase(join(dir, `bare-${Math.random()}.framelens`));
      const insert = db.prepare(
        'INSERT INTO articles (title, source, author, published_at, language, url, text, text_hash, char_count, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
      );
      const t = performance.now();
      db.transaction(() => {
        for (const name of readdirSync(folder)) {
          const text = readFileSync(join(folder, name), 'utf8');
          const hash = createHash('sha256').update(text).digest('hex');
          insert.run(text.slice(0, text.indexOf('\n')), null, null, null, null, null, text, hash, text.length, new Date().toISOString());
        }
      })();
      const ms = performance.now() - t;
      db.close();
      return ms;
    };
    const cliRun = () => {
      const t = performance.now();
      const run = spawnSync(process.execPath, [bin, 'import', folder, '--db', join(dir, `cli-${Math.random()}.framelens`), '--no-detect', '--json'], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        env: { ...process.env, FRAMELENS_HOME: join(dir, 'home') },
      });
      const ms = performance.now() - t;
      if (run.status !== 0) throw new Error(`framelens import failed: ${run.stderr.slice(0, 300)}`);
      return ms;
    };
    // Taking turns, so a busy moment of the machine falls on both.
    const bare: number[] = [];
    const cli: number[] = [];
    for (let i = 0; i < 3; i++) {
      bare.push(bareRun());
      cli.push(cliRun());
    }
    const bareRate = files / (median(bare) / 1000);
    const cliRate = files / (median(cli) / 1000);
    log(
      `framelens import of ${fmt(files)} text files (medians of 3, start-up included): ${fmt(cliRate)} files/s | bare better-sqlite3 loop reading the same files ${fmt(bareRate)} files/s | ratio ${fmt((cliRate / bareRate) * 100)}% (target ≥ 50%)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A CSV of a million short rows through the streamed sheet import, beside csv-parse reading it alone. */
export async function runMillionRowBench(log: (line: string) => void = console.log, rows = 1_000_000) {
  const lines = ['title,text'];
  for (let i = 1; i <= rows; i++) lines.push(`Nyhet ${i},Rad ${i}: kommunen beslutade om budgeten.`);
  const csv = Buffer.from(lines.join('\n'));
  const dir = mkdtempSync(join(tmpdir(), 'framelens-million-'));
  try {
    const p = openProject(join(dir, 'million.framelens'));
    const t = performance.now();
    const r = (await p.dispatchAsync('articles.importSheet', { name: 'million.csv', dataBase64: csv.toString('base64'), mapping: { title: 0, text: 1 } })) as {
      ok: boolean;
      value?: { results: { status: string }[] };
    };
    const ms = performance.now() - t;
    p.close();
    if (!r.ok) log(`million-row CSV refused: ${JSON.stringify(r).slice(0, 300)}`);
    const imported = r.value?.results.filter((x) => x.status === 'imported').length ?? 0;
    const parsing = await time(() => parse(csv.toString('utf8')), 1);
    log(
      `CSV of ${fmt(rows)} rows (${fmt(csv.length / 1024 / 1024, 1)} MB): ${fmt(imported)} imported in ${fmt(ms / 1000, 1)} s, ${fmt(imported / (ms / 1000))} rows/s, written as read | csv-parse alone ${fmt(parsing / 1000, 1)} s`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runImportBench();
  runCliImportBench();
  await runMillionRowBench();
}
