// Importing outside formats at speed: saved web pages of 100 KB, Word documents of 50 KB, and a 50 MB
// CSV of 20,000 articles, each beside a baseline measured in the same run (what the format's own
// parsing costs: the DOM alone, unzipping alone, CSV parsing alone).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { parseHTML } from 'linkedom';
import { convertHtml } from '../../main/services/import/html.ts';
import { convertDocx } from '../../main/services/import/docx.ts';
import { openProject } from '../../main/services/project.ts';
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
  log(
    `HTML, pages of ${fmt(Buffer.byteLength(page) / 1024)} KB: ${fmt((pages * 1000) / html, 1)} pages/s (target ≥ 200) | building the DOM alone ${fmt((pages * 1000) / dom, 1)} pages/s`,
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

if (import.meta.url === `file://${process.argv[1]}`) await runImportBench();
