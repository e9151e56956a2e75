// REFI-QDA export: project.qde valid against the REFI schema, texts in sources/ exactly as stored,
// positions in code points, GUIDs stable from one export to the next, the codebook alone as a .qdc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import { exportQdc, exportQdpx } from '../../main/services/refi/export.ts';
import { decimal } from '../../main/services/refi/variables.ts';
import { parseXml, childElement, childElements, ownText, type XmlElement } from '../../main/services/refi/xml-read.ts';
import { AppError } from '../../main/services/errors.ts';
import { ok, tempProject, TRICKY_TEXT } from './support/project.ts';
import { buildSample, SCHEMA, SECOND_STORED } from './fixtures/refi/sample.ts';

const NOW = () => '2025-03-04T05:06:07.000Z';

async function assertValid(xml: string, fileName = 'project.qde') {
  const result = await validateXML({ xml: { fileName, contents: xml }, schema: { fileName: 'Project-mrt2019.xsd', contents: SCHEMA } });
  assert.deepEqual(
    result.errors.map((e) => e.rawMessage),
    [],
    `${fileName} is not valid against the REFI-QDA schema`,
  );
  assert.equal(result.valid, true);
}

function unpack(zip: Uint8Array) {
  const files = unzipSync(zip);
  const xml = strFromU8(files['project.qde']!);
  return { files, xml, root: parseXml(xml, 'project.qde') };
}

const all = (root: XmlElement, name: string): XmlElement[] => {
  const found: XmlElement[] = [];
  const walk = (el: XmlElement) => {
    for (const child of el.children) {
      if (typeof child === 'string') continue;
      if (child.name === name) found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
};

test('the exported project.qde is valid against Project-mrt2019.xsd and its texts are the stored texts, byte for byte', async () => {
  const p = tempProject();
  try {
    buildSample(p);
    const { files, xml, root } = unpack(exportQdpx(p.db, { now: NOW, name: 'Toppmöten & “allianser”' }));
    await assertValid(xml);
    assert.equal(root.attrs.get('name'), 'Toppmöten & “allianser”');
    assert.equal(root.attrs.get('creationDateTime'), NOW());
    // The schema's order of the Project's children, and no empty container.
    const order = root.children.filter((c): c is XmlElement => typeof c !== 'string').map((c) => c.name);
    assert.deepEqual(order, ['Users', 'CodeBook', 'Variables', 'Sources', 'Notes']);

    const sources = childElements(childElement(root, 'Sources'), 'TextSource');
    assert.equal(sources.length, 2);
    const texts = new Map<string, string>();
    for (const source of sources) {
      const path = source.attrs.get('plainTextPath')!;
      const guid = source.attrs.get('guid')!;
      assert.equal(path, `internal://${guid}.txt`);
      const bytes = files[`sources/${guid}.txt`]!;
      assert.ok(bytes, `sources/${guid}.txt is in the archive`);
      assert.notDeepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'no byte-order mark');
      texts.set(source.attrs.get('name')!, strFromU8(bytes));
    }
    assert.equal(texts.get('Toppmötet i Astana'), TRICKY_TEXT);
    assert.equal(texts.get('Ledare: “allianser”'), SECOND_STORED);
    assert.ok(!SECOND_STORED.includes('\r'));
  } finally {
    p.cleanup();
  }
});

test('selections are in code points: each cuts its passage from the text file as Python would', () => {
  const p = tempProject();
  try {
    buildSample(p);
    const { files, root } = unpack(exportQdpx(p.db, { now: NOW }));
    const stored = new Map((p.db.prepare('SELECT uuid, quote FROM annotations').raw().all() as [string, string][]).map(([uuid, quote]) => [uuid, quote]));
    let checked = 0;
    for (const source of all(root, 'TextSource')) {
      const codePoints = [...strFromU8(files[`sources/${source.attrs.get('guid')}.txt`]!)];
      for (const selection of childElements(source, 'PlainTextSelection')) {
        const [start, end] = [Number(selection.attrs.get('startPosition')), Number(selection.attrs.get('endPosition'))];
        assert.equal(codePoints.slice(start, end).join(''), stored.get(selection.attrs.get('guid')!));
        checked++;
      }
    }
    assert.equal(checked, 6);
    // After "🇸🇪 😀" (three astral characters) a passage starts three code points before its UTF-16 offset.
    const allianser = TRICKY_TEXT.lastIndexOf('allianser');
    const selection = all(root, 'PlainTextSelection').find((s) => s.attrs.get('name') === 'allianser')!;
    assert.equal(Number(selection.attrs.get('startPosition')), allianser - 3);
    assert.equal(Number(selection.attrs.get('endPosition')), allianser - 3 + 'allianser'.length);
  } finally {
    p.cleanup();
  }
});

test('coders, codes, coding, notes and whole-article codes are where the schema puts them', () => {
  const p = tempProject();
  try {
    buildSample(p);
    const { root } = unpack(exportQdpx(p.db, { now: NOW }));
    const users = childElements(childElement(root, 'Users'), 'User');
    assert.deepEqual(users.map((u) => u.attrs.get('name')).sort(), ['Ada', 'Bertil Öst']);
    const userGuid = new Map(users.map((u) => [u.attrs.get('name'), u.attrs.get('guid')]));

    const codes = childElements(childElement(childElement(root, 'CodeBook'), 'Codes'), 'Code');
    assert.deepEqual(
      codes.map((c) => [c.attrs.get('name'), c.attrs.get('color'), c.attrs.get('isCodable')]),
      [
        ['Framing', '#888888', 'true'],
        ['Alliances', '#3cb44b', 'true'],
      ],
    );
    const framing = codes[0]!;
    assert.equal(ownText(childElement(framing, 'Description')), 'How an actor is presented & <why>.');
    assert.deepEqual(
      childElements(framing, 'Code').map((c) => c.attrs.get('name')),
      ['Trolling', 'Suveränitet'],
    );
    const codeGuid = new Map(all(root, 'Code').map((c) => [c.attrs.get('name'), c.attrs.get('guid')]));

    const trolling = all(root, 'PlainTextSelection').find((s) => s.attrs.get('name') === 'trolling på hög nivå')!;
    assert.equal(trolling.attrs.get('creatingUser'), userGuid.get('Ada'));
    const coding = childElement(trolling, 'Coding')!;
    assert.equal(coding.attrs.get('creatingUser'), userGuid.get('Ada'));
    assert.equal(childElement(coding, 'CodeRef')!.attrs.get('targetGUID'), codeGuid.get('Trolling'));
    const noteGuid = childElement(trolling, 'NoteRef')!.attrs.get('targetGUID');
    const note = childElements(childElement(root, 'Notes'), 'Note').find((n) => n.attrs.get('guid') === noteGuid)!;
    assert.equal(ownText(childElement(note, 'PlainTextContent')), 'Ironic “quote” & <more>\nsecond line');

    // The article-level code: a Coding of the source itself, with its note.
    const first = all(root, 'TextSource').find((s) => s.attrs.get('name') === 'Toppmötet i Astana')!;
    const whole = childElements(first, 'Coding');
    assert.equal(whole.length, 1);
    assert.equal(whole[0]!.attrs.get('creatingUser'), userGuid.get('Bertil Öst'));
    assert.equal(childElement(whole[0], 'CodeRef')!.attrs.get('targetGUID'), codeGuid.get('Alliances'));
    const wholeNote = childElement(whole[0], 'NoteRef')!.attrs.get('targetGUID');
    assert.ok(childElements(childElement(root, 'Notes'), 'Note').some((n) => n.attrs.get('guid') === wholeNote));
  } finally {
    p.cleanup();
  }
});

test('article metadata and variables are project-level Variables with typed values', async () => {
  const p = tempProject();
  try {
    const { first, second } = buildSample(p);
    const d = p.dispatch;
    const kind = (ok(d('variables.create', { name: 'Kind', type: 'category', categories: ['Tabloid', 'Broadsheet'] })) as { id: number }).id;
    const ratio = (ok(d('variables.create', { name: 'Ratio', type: 'number' })) as { id: number }).id;
    const seen = (ok(d('variables.create', { name: 'Seen', type: 'date' })) as { id: number }).id;
    const paid = (ok(d('variables.create', { name: 'Paywall', type: 'boolean' })) as { id: number }).id;
    ok(d('variables.setValue', { variableId: kind, value: 'Broadsheet', articleIds: [first] }));
    ok(d('variables.setValue', { variableId: ratio, value: 1e21, articleIds: [first] }));
    ok(d('variables.setValue', { variableId: ratio, value: 1.5e-7, articleIds: [second] }));
    ok(d('variables.setValue', { variableId: seen, value: '2024-02-29', articleIds: [first] }));
    ok(d('variables.setValue', { variableId: paid, value: true, articleIds: [first] }));
    const { xml, root } = unpack(exportQdpx(p.db, { now: NOW }));
    await assertValid(xml);
    const declared = childElements(childElement(root, 'Variables'), 'Variable').map((v) => [v.attrs.get('name'), v.attrs.get('typeOfVariable')]);
    assert.deepEqual(declared, [
      ['Source', 'Text'],
      ['Author', 'Text'],
      ['PublishedAt', 'Date'],
      ['Language', 'Text'],
      ['URL', 'Text'],
      ['Outlet kind', 'Text'],
      ['Pages', 'Integer'],
      ['Kind', 'Text'],
      ['Ratio', 'Float'],
      ['Seen', 'Date'],
      ['Paywall', 'Boolean'],
    ]);
    const byGuid = new Map(childElements(childElement(root, 'Variables'), 'Variable').map((v) => [v.attrs.get('guid'), v.attrs.get('name')]));
    const valuesOf = (name: string) =>
      Object.fromEntries(
        childElements(
          all(root, 'TextSource').find((s) => s.attrs.get('name') === name)!,
          'VariableValue',
        ).map((v) => {
          const element = v.children.find((c): c is XmlElement => typeof c !== 'string' && c.name !== 'VariableRef')!;
          return [byGuid.get(childElement(v, 'VariableRef')!.attrs.get('targetGUID')), `${element.name}:${ownText(element)}`];
        }),
      );
    assert.deepEqual(valuesOf('Toppmötet i Astana'), {
      Source: 'TextValue:Svenska Dagbladet',
      Author: 'TextValue:Åsa Öberg',
      PublishedAt: 'DateValue:2024-05-01',
      Language: 'TextValue:sv',
      URL: 'TextValue:https://example.org/toppmotet?a=1&b=2',
      'Outlet kind': 'TextValue:Morgontidning',
      Pages: 'IntegerValue:3',
      Kind: 'TextValue:Broadsheet',
      Ratio: 'FloatValue:1000000000000000000000',
      Seen: 'DateValue:2024-02-29',
      Paywall: 'BooleanValue:true',
    });
    assert.equal(valuesOf('Ledare: “allianser”').Ratio, 'FloatValue:0.00000015');
  } finally {
    p.cleanup();
  }
});

test('numbers are written as xsd:decimal, without an exponent, and read back exactly', () => {
  for (const n of [0, -0.5, 2.5, 1e21, 1.5e-7, -1.2345e-10, 9.87e25, 123456789.125, Number.MAX_SAFE_INTEGER * 1024]) {
    const written = decimal(n);
    assert.match(written, /^-?\d+(\.\d+)?$/, `${n} as ${written}`);
    assert.equal(Number(written), n);
  }
});

test('exporting twice gives the same file; GUIDs come from names, paths and texts, not from row ids', () => {
  const a = tempProject();
  const b = tempProject();
  try {
    buildSample(a);
    assert.deepEqual(exportQdpx(a.db, { now: NOW }), exportQdpx(a.db, { now: NOW }));
    // Another project with the same coder and tag: the same GUIDs.
    ok(b.dispatch('tags.create', { name: 'Unrelated' }));
    const framing = (ok(b.dispatch('tags.create', { name: 'Framing' })) as { id: number }).id;
    ok(b.dispatch('tags.create', { name: 'Trolling', parentId: framing }));
    ok(b.dispatch('coders.create', { name: 'Ada' }));
    const guids = (root: XmlElement) => ({
      ada: all(root, 'User')
        .find((u) => u.attrs.get('name') === 'Ada')!
        .attrs.get('guid'),
      trolling: all(root, 'Code')
        .find((c) => c.attrs.get('name') === 'Trolling')!
        .attrs.get('guid'),
    });
    assert.deepEqual(guids(unpack(exportQdpx(a.db, { now: NOW })).root), guids(unpack(exportQdpx(b.db, { now: NOW })).root));
  } finally {
    a.cleanup();
    b.cleanup();
  }
});

test('an empty project exports as a valid project with an empty sources folder', async () => {
  const p = tempProject();
  try {
    const { files, xml, root } = unpack(exportQdpx(p.db, { now: NOW }));
    await assertValid(xml);
    assert.deepEqual(
      root.children.filter((c) => typeof c !== 'string'),
      [],
    );
    assert.deepEqual(Object.keys(files).sort(), ['project.qde', 'sources/']);
  } finally {
    p.cleanup();
  }
});

test('names with markup characters and control characters still give a valid file', async () => {
  const p = tempProject();
  try {
    const tag = (ok(p.dispatch('tags.create', { name: 'A & B <c> "d" \'e\'' })) as { id: number }).id;
    const article = (
      ok(p.dispatch('articles.importText', { text: 'Text\twith a tab and a form\ffeed.', title: 'Tab\tand "quotes" & <tags>' })) as { id: number }
    ).id;
    ok(p.dispatch('annotations.create', { articleId: article, tagId: tag, start: 0, end: 4, annotator: 'Ada <admin>', note: 'CR\r\nLF & "x"' }));
    // A project written before control characters were refused may still hold one.
    p.db.prepare('UPDATE tags SET description = ?').run('bell\u0007 and nul\u0000 gone');
    const { xml, root } = unpack(exportQdpx(p.db, { now: NOW }));
    await assertValid(xml);
    assert.equal(all(root, 'Code')[0]!.attrs.get('name'), 'A & B <c> "d" \'e\'');
    assert.equal(ownText(childElement(all(root, 'Code')[0], 'Description')), 'bell and nul gone');
    assert.equal(all(root, 'TextSource')[0]!.attrs.get('name'), 'Tab\tand "quotes" & <tags>');
    assert.equal(all(root, 'User')[0]!.attrs.get('name'), 'Ada <admin>');
    // A CR survives as a character reference (a reader's line-end normalisation would drop a raw one).
    assert.ok(xml.includes('CR&#13;\nLF &amp; "x"'));
  } finally {
    p.cleanup();
  }
});

test('the codebook alone: a <CodeBook> in the codebook namespace whose codes the REFI schema accepts', async () => {
  const p = tempProject();
  try {
    assert.throws(
      () => exportQdc(p.db),
      (e: unknown) => e instanceof AppError && e.code === 'INVALID_INPUT' && /codebook is empty/.test(e.message),
    );
    buildSample(p);
    const qdc = exportQdc(p.db);
    const root = parseXml(qdc, 'codebook.qdc');
    assert.equal(root.name, 'CodeBook');
    assert.match(qdc, /<CodeBook xmlns="urn:QDA-XML:codebook:1\.0" origin="Framelens">/);
    assert.deepEqual(
      all(root, 'Code').map((c) => c.attrs.get('name')),
      ['Framing', 'Trolling', 'Suveränitet', 'Alliances'],
    );
    // The codebook schema's CodeType is the project schema's: checked by validating the same Codes inside a Project.
    const codes = qdc.slice(qdc.indexOf('<Codes>'), qdc.indexOf('</CodeBook>'));
    await assertValid(`<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook>${codes}</CodeBook></Project>`, 'codebook.qdc');
    // The same codes, with the same GUIDs, as in the project export.
    const inProject = unpack(exportQdpx(p.db, { now: NOW })).root;
    assert.deepEqual(
      all(root, 'Code').map((c) => c.attrs.get('guid')),
      all(inProject, 'Code').map((c) => c.attrs.get('guid')),
    );
  } finally {
    p.cleanup();
  }
});
