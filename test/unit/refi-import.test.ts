// REFI-QDA import: a Framelens export comes back exactly (texts, codebook, coders, spans, notes,
// variables); a file in the shape QualCoder and MAXQDA write (a "Sources" folder, internal:// paths, a
// byte-order mark, CRLF, emoji) lands at exact offsets; passages that do not fit are reported and left
// out; and every hostile or broken file is refused with a message naming it, leaving the project as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { exportQdc, exportQdpx } from '../../main/services/refi/export.ts';
import { importQdc, importQdpx, type ImportReport } from '../../main/services/refi/import.ts';
import { AppError } from '../../main/services/errors.ts';
import { IMPORT_LIMITS } from '../../main/services/import/types.ts';
import { openProject, type Project } from '../../main/services/project.ts';
import { ok, snapshot, tempProject } from './support/project.ts';
import { passageProblems, storedTextProblems } from './support/project-dump.ts';
import { buildSample, contents } from './fixtures/refi/sample.ts';

const NOW = () => '2025-03-04T05:06:07.000Z';

/** Refused with INVALID_INPUT, a message naming the file, and nothing stored. */
function refused(p: Project, run: () => unknown, message: RegExp, file: string) {
  const before = snapshot(p);
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof AppError, `an AppError, not ${String(e)}`);
    assert.equal(e.code, 'INVALID_INPUT');
    assert.ok(e.message.includes(file), `the message names ${file}: ${e.message}`);
    assert.match(e.message, message);
    return true;
  });
  assert.equal(snapshot(p), before, 'nothing was stored');
}

const added = (r: ImportReport) => [r.articles.added, r.tags.added, r.coders.added, r.annotations.added, r.articleCodes.added, r.variables.added, r.values.set];

test('round trip: a project exported and imported into an empty one comes back the same', () => {
  const a = tempProject();
  const b = tempProject();
  try {
    buildSample(a);
    const file = exportQdpx(a.db, { now: NOW });
    const report = importQdpx(b.db, file, 'sample.qdpx');
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(added(report), [2, 4, 2, 6, 1, 2, 4]);
    assert.deepEqual(contents(b), contents(a));
    assert.deepEqual(passageProblems(b.db), []);
    assert.deepEqual(storedTextProblems(b.db), []);

    // Imported again, and into the project it came from: everything is already there.
    for (const p of [b, a]) {
      const before = snapshot(p);
      const again = importQdpx(p.db, file, 'sample.qdpx');
      assert.deepEqual(added(again), [0, 0, 0, 0, 0, 0, 0]);
      assert.equal(again.articles.duplicate, 2);
      assert.equal(again.annotations.alreadyHere, 6);
      assert.equal(again.articleCodes.alreadyHere, 1);
      assert.equal(snapshot(p), before);
    }
  } finally {
    a.cleanup();
    b.cleanup();
  }
});

// --- A file as QualCoder and MAXQDA write it ---------------------------------------------------------

const SOURCE = 'A1B2C3D4-0000-4000-8000-0000000000A1';
const USER_ADA = '{0F0F0F0F-1111-4111-8111-111111111111}';
const USER_ADA_TOO = '22222222-2222-4222-8222-222222222222';
const CODE = {
  category: 'C0000000-0000-4000-8000-000000000000',
  trolling: 'C1111111-0000-4000-8000-000000000000',
  sovereignty: 'C2222222-0000-4000-8000-000000000000',
  alliances: 'C3333333-0000-4000-8000-000000000000',
};
const VAR = {
  outlet: 'D1111111-0000-4000-8000-000000000000',
  pages: 'D2222222-0000-4000-8000-000000000000',
  paid: 'D3333333-0000-4000-8000-000000000000',
  language: 'D4444444-0000-4000-8000-000000000000',
};
const NOTE = 'E1111111-0000-4000-8000-000000000000';

/** The text file as the other tool stored it: a byte-order mark, CRLF line endings, emoji before the passages. */
const RAW = 'Rubrik 😀\r\n\r\nFörsta raden säger “trolling på hög nivå”.\r\nAndra raden: suveränitet 🇸🇪 och allianser e\u0301.\r\n';
const STORED = RAW.replace(/\r\n/g, '\n');
/** A passage's position as the other tool counts: code points of the file's text, CRLF as two. */
const at = (passage: string) => {
  const start = [...RAW.slice(0, RAW.indexOf(passage))].length;
  return { start, end: start + [...passage].length };
};
const INLINE = 'Hej 😀 världen';

function selection(guid: string, positions: { start: number | string; end: number | string }, user: string, codings: string, extra = '') {
  return `<PlainTextSelection guid="${guid}" name="q" startPosition="${positions.start}" endPosition="${positions.end}" creatingUser="${user}" creationDateTime="2024-03-01T10:00:00">
          ${extra}${codings}
        </PlainTextSelection>`;
}
const coding = (guid: string, code: string, user: string) =>
  `<Coding guid="${guid}" creatingUser="${user}" creationDateTime="2024-03-01T10:00:00Z"><CodeRef targetGUID="${code}"/></Coding>`;

function otherToolProject(sources = ''): string {
  const troll = at('“trolling på hög nivå”');
  const sov = at('suveränitet');
  const all = at('allianser e\u0301');
  const total = [...RAW].length;
  return `<?xml version="1.0" encoding="utf-8"?>
<qda:Project xmlns:qda="urn:QDA-XML:project:1.0" name="Fältstudie" origin="OtherTool 2.0">
  <qda:Users>
    <qda:User guid="${USER_ADA}" name="Ada"/>
    <qda:User guid="${USER_ADA_TOO}" name="Ada"/>
  </qda:Users>
  <qda:CodeBook><qda:Codes>
    <qda:Code guid="${CODE.category}" name="Framing" isCodable="false" color="#ABC">
      <qda:Description>Only groups codes</qda:Description>
      <qda:Code guid="${CODE.trolling}" name="Trolling" isCodable="true" color="#E53935"><qda:Description>Provocation &amp; irony</qda:Description></qda:Code>
    </qda:Code>
    <qda:Code guid="${CODE.sovereignty}" name="Suveränitet" isCodable="true" color="#1F6FB2"/>
    <qda:Code guid="${CODE.alliances}" name="Alliances" isCodable="true"/>
  </qda:Codes></qda:CodeBook>
  <qda:Variables>
    <qda:Variable guid="${VAR.outlet}" name="Outlet" typeOfVariable="Text"/>
    <qda:Variable guid="${VAR.pages}" name="Pages" typeOfVariable="Integer"/>
    <qda:Variable guid="${VAR.paid}" name="Paywall" typeOfVariable="Boolean"/>
    <qda:Variable guid="${VAR.language}" name="language" typeOfVariable="Text"/>
  </qda:Variables>
  <qda:Sources>
    <qda:TextSource guid="${SOURCE}" name="Fältanteckning 1" plainTextPath="internal://${SOURCE}.txt" creationDateTime="2024-02-01T08:00:00Z">
      ${selection('51111111-0000-4000-8000-000000000000', troll, USER_ADA, coding('61111111-0000-4000-8000-000000000000', CODE.trolling, USER_ADA), '<qda:Description>memo</qda:Description>').replace('</PlainTextSelection>', `<NoteRef targetGUID="${NOTE}"/></PlainTextSelection>`)}
      ${selection('52222222-0000-4000-8000-000000000000', sov, USER_ADA_TOO, coding('62222222-0000-4000-8000-000000000000', CODE.sovereignty, USER_ADA_TOO))}
      ${selection('53333333-0000-4000-8000-000000000000', all, USER_ADA, coding('63333333-0000-4000-8000-000000000000', CODE.alliances, USER_ADA) + coding('64444444-0000-4000-8000-000000000000', CODE.category, USER_ADA))}
      ${selection('55555555-0000-4000-8000-000000000000', { start: total - 2, end: total + 5 }, USER_ADA, coding('65555555-0000-4000-8000-000000000000', CODE.alliances, USER_ADA))}
      ${selection('56666666-0000-4000-8000-000000000000', { start: 'two', end: 9 }, USER_ADA, coding('66666666-0000-4000-8000-000000000000', CODE.alliances, USER_ADA))}
      ${selection('57777777-0000-4000-8000-000000000000', { start: 0, end: 6 }, USER_ADA, coding('67777777-0000-4000-8000-000000000000', 'FFFFFFFF-0000-4000-8000-000000000000', USER_ADA))}
      <qda:VariableValue><qda:VariableRef targetGUID="${VAR.outlet}"/><qda:TextValue>Lokaltidning</qda:TextValue></qda:VariableValue>
      <qda:VariableValue><qda:VariableRef targetGUID="${VAR.pages}"/><qda:IntegerValue>4</qda:IntegerValue></qda:VariableValue>
      <qda:VariableValue><qda:VariableRef targetGUID="${VAR.paid}"/><qda:BooleanValue>true</qda:BooleanValue></qda:VariableValue>
      <qda:VariableValue><qda:VariableRef targetGUID="${VAR.language}"/><qda:TextValue>SV</qda:TextValue></qda:VariableValue>
    </qda:TextSource>
    <qda:TextSource guid="A1B2C3D4-0000-4000-8000-0000000000B2" name="Inline">
      <qda:PlainTextContent>${INLINE}</qda:PlainTextContent>
      <qda:PlainTextSelection guid="58888888-0000-4000-8000-000000000000" startPosition="6" endPosition="13" creatingUser="${USER_ADA}">
        ${coding('68888888-0000-4000-8000-000000000000', CODE.trolling, USER_ADA)}
      </qda:PlainTextSelection>
    </qda:TextSource>
    <qda:PDFSource guid="A1B2C3D4-0000-4000-8000-0000000000C3" name="Scan" path="internal://scan.pdf"/>
    ${sources}
  </qda:Sources>
  <qda:Notes>
    <qda:Note guid="${NOTE}" name="Memo"><qda:PlainTextContent>Ironi, se “citat”.</qda:PlainTextContent></qda:Note>
  </qda:Notes>
</qda:Project>`.replace(/<(\/?)(PlainTextSelection|Coding|CodeRef|Description|NoteRef)\b/g, '<$1qda:$2');
}

/** The project as a .qdpx, with the folder name and text encoding the other tool uses. */
function otherToolFile(project = otherToolProject(), extra: Zippable = {}): Uint8Array {
  return zipSync({
    'project.qde': strToU8(project),
    Sources: { [`${SOURCE}.txt`]: strToU8(`\uFEFF${RAW}`) },
    ...extra,
  });
}

test('a file as QualCoder or MAXQDA write it: "Sources", internal:// paths, BOM and CRLF, emoji, all at exact offsets', () => {
  const p = tempProject();
  try {
    const report = importQdpx(p.db, otherToolFile(), 'faltstudie.qdpx');
    assert.equal(report.articles.added, 2);
    const article = p.db.prepare('SELECT id, title, text, language FROM articles WHERE title = ?').get('Fältanteckning 1') as {
      id: number;
      text: string;
      language: string;
    };
    assert.equal(article.text, STORED, 'the BOM is gone and CRLF became LF');
    assert.equal(article.language, 'sv');
    const annotations = p.db
      .prepare(
        'SELECT a.uuid, a.start, a."end", a.quote, a.note, a.annotator, a.created_at, t.name AS tag FROM annotations a JOIN tags t ON t.id = a.tag_id WHERE article_id = ? ORDER BY a.start, t.name',
      )
      .all(article.id) as { uuid: string; start: number; end: number; quote: string; note: string; annotator: string; created_at: string; tag: string }[];
    const expect = (passage: string) => ({ start: STORED.indexOf(passage), end: STORED.indexOf(passage) + passage.length, quote: passage });
    assert.deepEqual(
      annotations.map(({ start, end, quote, tag, annotator }) => ({ start, end, quote, tag, annotator })),
      [
        { ...expect('“trolling på hög nivå”'), tag: 'Trolling', annotator: 'Ada' },
        { ...expect('suveränitet'), tag: 'Suveränitet', annotator: 'Ada (2)' },
        { ...expect('allianser e\u0301'), tag: 'Alliances', annotator: 'Ada' },
        { ...expect('allianser e\u0301'), tag: 'Framing', annotator: 'Ada' },
      ],
    );
    const trolling = annotations[0]!;
    assert.equal(trolling.uuid, '51111111-0000-4000-8000-000000000000', 'one coding: the annotation keeps the selection GUID');
    assert.equal(trolling.note, 'memo\n\nIroni, se “citat”.');
    assert.equal(trolling.created_at, '2024-03-01T10:00:00.000Z', 'a time without a zone is taken as UTC');
    assert.deepEqual(
      annotations.slice(2).map((a) => a.uuid),
      ['63333333-0000-4000-8000-000000000000', '64444444-0000-4000-8000-000000000000'],
      'several codings: each annotation keeps its coding GUID',
    );

    const inline = p.db.prepare(`SELECT a.start, a."end", a.quote FROM annotations a JOIN articles ar ON ar.id = a.article_id WHERE ar.title = 'Inline'`).get();
    assert.deepEqual(inline, { start: INLINE.indexOf('världen'), end: INLINE.length, quote: 'världen' });

    const tags = ok<{ tags: { path: string[]; color: string; description: string }[] }>(p.dispatch('tags.list', {})).tags;
    assert.deepEqual(
      tags.map((t) => [t.path.join(' > '), t.color, t.description]),
      [
        ['Framing', '#AABBCC', 'Only groups codes'],
        ['Framing > Trolling', '#E53935', 'Provocation & irony'],
        ['Suveränitet', '#1F6FB2', ''],
        ['Alliances', tags[3]!.color, ''],
      ],
    );
    assert.deepEqual(p.db.prepare('SELECT name FROM coders ORDER BY name').pluck().all(), ['Ada', 'Ada (2)']);
    const values = p.db
      .prepare('SELECT v.name, v.type, x.value FROM article_values x JOIN variables v ON v.id = x.variable_id WHERE x.article_id = ? ORDER BY v.name')
      .all(article.id);
    assert.deepEqual(values, [
      { name: 'Outlet', type: 'text', value: 'Lokaltidning' },
      { name: 'Pages', type: 'number', value: 4 },
      { name: 'Paywall', type: 'boolean', value: 1 },
    ]);

    // What was left out, and why.
    assert.deepEqual(
      report.skipped.map((s) => [s.kind, s.source, s.guid]),
      [
        ['selection', 'Fältanteckning 1', '55555555-0000-4000-8000-000000000000'],
        ['selection', 'Fältanteckning 1', '56666666-0000-4000-8000-000000000000'],
        ['coding', 'Fältanteckning 1', '67777777-0000-4000-8000-000000000000'],
        ['source', 'Scan', undefined],
      ],
    );
    const total = [...RAW].length;
    assert.equal(report.skipped[0]!.reason, `its range ${total - 2}–${total + 5} does not fit the text, which is ${total} characters (code points) long`);
    assert.match(report.skipped[1]!.reason, /not whole numbers/);
    assert.match(report.skipped[2]!.reason, /not in the codebook/);
    assert.match(report.skipped[3]!.reason, /pdf source; Framelens imports text sources only/);
    assert.ok(report.notes.some((n) => /Two users in the file are called “Ada”/.test(n)));
    assert.ok(report.notes.some((n) => /grouping only/.test(n)));
    assert.deepEqual(passageProblems(p.db), []);
    assert.deepEqual(storedTextProblems(p.db), []);
  } finally {
    p.cleanup();
  }
});

test('a text kept outside the archive, or missing from it, is reported and the rest imported', () => {
  const p = tempProject();
  try {
    const outside = `<TextSource guid="A1B2C3D4-0000-4000-8000-0000000000D4" name="Extern" plainTextPath="file:///C:/Users/ada/secret.txt"/>
      <TextSource guid="A1B2C3D4-0000-4000-8000-0000000000E5" name="Saknas" plainTextPath="internal://missing.txt"/>`;
    const report = importQdpx(p.db, otherToolFile(otherToolProject(outside.replace(/<(\/?)TextSource/g, '<$1qda:TextSource'))), 'delvis.qdpx');
    assert.equal(report.articles.added, 2);
    const sources = report.skipped.filter((s) => s.kind === 'source');
    assert.deepEqual(
      sources.map((s) => [s.source, s.reason]),
      [
        ['Extern', 'its text is kept outside the project file (file:///C:/Users/ada/secret.txt); export it again with the sources included'],
        ['Saknas', 'its text file internal://missing.txt is not in the archive'],
        ['Scan', 'it is a pdf source; Framelens imports text sources only'],
      ],
    );
  } finally {
    p.cleanup();
  }
});

test('codes merge into tags of the same path, letter case aside; coders merge by name', () => {
  const p = tempProject();
  try {
    const framing = (ok(p.dispatch('tags.create', { name: 'framing', color: '#000000' })) as { id: number }).id;
    ok(p.dispatch('tags.create', { name: 'TROLLING', parentId: framing }));
    ok(p.dispatch('coders.create', { name: 'Ada' }));
    const report = importQdpx(p.db, otherToolFile(), 'faltstudie.qdpx');
    assert.deepEqual(report.tags, { added: 2, matched: 2 });
    assert.deepEqual(report.coders, { added: 1, matched: 1 });
    const tags = ok<{ tags: { path: string[]; color: string }[] }>(p.dispatch('tags.list', {})).tags;
    assert.deepEqual(
      tags.map((t) => t.path.join(' > ')),
      ['framing', 'framing > TROLLING', 'Suveränitet', 'Alliances'],
    );
    assert.equal(tags[0]!.color, '#000000', "this project's colour is kept");
  } finally {
    p.cleanup();
  }
});

test('a codebook (.qdc) imports as tags, merged with those already here', () => {
  const a = tempProject();
  const b = tempProject();
  try {
    buildSample(a);
    ok(b.dispatch('tags.create', { name: 'FRAMING' }));
    const report = importQdc(b.db, exportQdc(a.db), 'kodbok.qdc');
    assert.deepEqual(report.tags, { added: 3, matched: 1 });
    assert.deepEqual(
      ok<{ tags: { path: string[]; color: string; description: string }[] }>(b.dispatch('tags.list', {})).tags.map((t) => t.path.join(' > ')),
      ['FRAMING', 'FRAMING > Trolling', 'FRAMING > Suveränitet', 'Alliances'],
    );
    refused(b, () => importQdc(b.db, new Uint8Array(), 'tom.qdc'), /is empty/, 'tom.qdc');
    refused(b, () => importQdc(b.db, '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>', 'ingen.qdc'), /holds no codes/, 'ingen.qdc');
    refused(b, () => importQdc(b.db, '<Other/>', 'fel.qdc'), /not a REFI-QDA codebook: its root element is <Other>/, 'fel.qdc');
  } finally {
    a.cleanup();
    b.cleanup();
  }
});

// --- Refusals ------------------------------------------------------------------------------------------

test('not a zip, an empty file, a zip without project.qde, or another kind of XML: refused, naming the file', () => {
  const p = tempProject();
  try {
    buildSample(p);
    refused(
      p,
      () => importQdpx(p.db, strToU8('<Project name="x"/>'), 'plain.qdpx'),
      /plain\.qdpx is not a REFI-QDA project \(\.qdpx\): it is not a zip archive/,
      'plain.qdpx',
    );
    refused(p, () => importQdpx(p.db, new Uint8Array(), 'tom.qdpx'), /^tom\.qdpx is empty\.$/, 'tom.qdpx');
    refused(p, () => importQdpx(p.db, zipSync({ 'readme.txt': strToU8('hej') }), 'utan.qdpx'), /holds no project\.qde/, 'utan.qdpx');
    refused(
      p,
      () => importQdpx(p.db, zipSync({ 'project.qde': strToU8('<Other/>') }), 'annan.qdpx'),
      /its root element is <Other>, not <Project>/,
      'annan.qdpx',
    );
    refused(
      p,
      () => importQdpx(p.db, zipSync({ 'project.qde': strToU8('<Project name="x"><Users>') }), 'trasig.qdpx'),
      /is not well-formed XML/,
      'trasig.qdpx',
    );
    refused(
      p,
      () => importQdpx(p.db, zipSync({ 'project.qde': new Uint8Array([0x3c, 0xff, 0xfe, 0x3e, 0x80]) }), 'kodning.qdpx'),
      /is not UTF-8 text/,
      'kodning.qdpx',
    );
    refused(p, () => importQdpx(p.db, exportQdpx(p.db, { now: NOW }).subarray(0, 200), 'avklippt.qdpx'), /avklippt\.qdpx is incomplete/, 'avklippt.qdpx');
  } finally {
    p.cleanup();
  }
});

test('a zip bomb and a zip of too many entries stop at the limits', () => {
  const p = tempProject();
  try {
    const bomb = otherToolFile(otherToolProject(), { Sources: { [`${SOURCE}.txt`]: strToU8(RAW), 'padding.txt': new Uint8Array(5 * 1024 * 1024) } });
    assert.ok(bomb.length < 64 * 1024);
    const limits = { ...IMPORT_LIMITS, zipExpandedBytes: 1024 * 1024 };
    refused(p, () => importQdpx(p.db, bomb, 'bomb.qdpx', { limits }), /bomb\.qdpx expands to more than 1 MB; Framelens stops there/, 'bomb.qdpx');
    const many = otherToolFile(otherToolProject(), Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`extra-${i}.txt`, strToU8('x')])));
    refused(p, () => importQdpx(p.db, many, 'many.qdpx', { limits: { ...IMPORT_LIMITS, zipEntries: 10 } }), /many\.qdpx holds more than 10 files/, 'many.qdpx');
  } finally {
    p.cleanup();
  }
});

test('paths that leave the archive are refused, in the zip and in project.qde', () => {
  const p = tempProject();
  try {
    const climbing = otherToolFile(otherToolProject(), { '../evil.txt': strToU8('x') });
    refused(
      p,
      () => importQdpx(p.db, climbing, 'evil.qdpx'),
      /evil\.qdpx contains a file whose path \(\.\.\/evil\.txt\) leads outside the archive/,
      'evil.qdpx',
    );
    const pointing = otherToolProject().replace(`internal://${SOURCE}.txt`, 'internal://../../etc/passwd.txt');
    refused(
      p,
      () => importQdpx(p.db, otherToolFile(pointing), 'traversal.qdpx'),
      /names a text file outside the archive \(internal:\/\/\.\.\/\.\.\/etc\/passwd\.txt\)/,
      'traversal.qdpx',
    );
    const encoded = otherToolProject().replace(`internal://${SOURCE}.txt`, 'Sources/%2e%2e/%2e%2e/secret.txt');
    refused(p, () => importQdpx(p.db, otherToolFile(encoded), 'encoded.qdpx'), /names a text file outside the archive/, 'encoded.qdpx');
  } finally {
    p.cleanup();
  }
});

test('a project.qde with entities (billion laughs, an external entity) is refused without expanding anything', () => {
  const p = tempProject();
  try {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const laughs = otherToolProject()
      .replace('<qda:Project', `<!DOCTYPE qda:Project [\n${levels.join('\n')}\n]>\n<qda:Project`)
      .replace('name="Fältstudie"', 'name="&lol9;"');
    const t0 = performance.now();
    refused(p, () => importQdpx(p.db, otherToolFile(laughs), 'laughs.qdpx'), /laughs\.qdpx \(project\.qde\) declares XML entities/, 'laughs.qdpx');
    assert.ok(performance.now() - t0 < 2000, 'refused at once');
    const external = otherToolProject()
      .replace('<qda:Project', '<!DOCTYPE qda:Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<qda:Project')
      .replace('Lokaltidning', '&xxe;');
    refused(p, () => importQdpx(p.db, otherToolFile(external), 'xxe.qdpx'), /declares XML entities/, 'xxe.qdpx');
    refused(
      p,
      () =>
        importQdc(
          p.db,
          `<!DOCTYPE CodeBook [${levels.join('')}]><CodeBook><Codes><Code guid="${CODE.trolling}" name="&lol9;" isCodable="true"/></Codes></CodeBook>`,
          'lol.qdc',
        ),
      /lol\.qdc declares XML entities/,
      'lol.qdc',
    );
    // Nesting deep enough to exhaust a recursive reader.
    const deep = `<Project name="x"><CodeBook><Codes>${'<Code guid="C1111111-0000-4000-8000-000000000000" name="x" isCodable="true">'.repeat(500)}${'</Code>'.repeat(500)}</Codes></CodeBook></Project>`;
    refused(p, () => importQdpx(p.db, zipSync({ 'project.qde': strToU8(deep) }), 'deep.qdpx'), /nests XML elements more than 200 deep/, 'deep.qdpx');
  } finally {
    p.cleanup();
  }
});

test('a project opened read-only refuses the import', () => {
  const p = tempProject();
  const readOnly = openProject(p.path, { readOnly: true });
  try {
    assert.throws(
      () => importQdpx(readOnly.db, otherToolFile(), 'x.qdpx'),
      (e: unknown) => e instanceof AppError && e.code === 'READ_ONLY',
    );
  } finally {
    readOnly.close();
    p.cleanup();
  }
});
