// Several programs on one project at the same moment: two web hosts (two analysts' browsers, or a
// browser and a script) answer API writes while `framelens import` adds a few hundred articles to the
// same file. Nothing may be refused because another program is writing, and every change a host
// acknowledged must be in the file afterwards. Also: two imports that create the same new project at
// once both succeed.
import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { latestVersion } from '../../db/migrations/index.ts';
import { tempDir } from './support/project.ts';
import { importReport } from './support/cli.ts';

const bin = fileURLToPath(new URL('../../main/bin/framelens.mjs', import.meta.url));

/** What SQLite says when a writer gave up waiting for the lock; none of it may reach the analyst. */
const LOCK_WORDS = /SQLITE_BUSY|database is locked/i;

/** How many article files the import adds while the hosts are busy. */
const IMPORT_FILES = 400;
/** The longest the hosts are kept busy, whether or not the import has finished. */
const TRAFFIC_LIMIT_MS = 30_000;
/** How long any one request or program may take before the test gives up on it. */
const REQUEST_TIMEOUT_MS = 20_000;
const PROGRAM_TIMEOUT_MS = 45_000;

// ---------------------------------------------------------------------------------------------------
// Child programs

type Exit = { code: number | null; signal: NodeJS.Signals | null; error?: string };
type Program = { proc: ChildProcess; name: string; stdout: () => string; stderr: () => string; exit: Promise<Exit>; alive: () => boolean };

/** Every program started by this file, so none outlives it, whatever happens. */
const programs = new Set<ChildProcess>();
after(() => {
  for (const proc of programs) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
});

function launch(name: string, args: string[], dir: string, extra: { node?: string[]; env?: Record<string, string> } = {}): Program {
  const proc = spawn(process.execPath, [...(extra.node ?? []), bin, ...args], {
    cwd: dir,
    env: { ...process.env, FRAMELENS_HOME: join(dir, 'home'), NO_COLOR: '1', ...extra.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  programs.add(proc);
  let out = '';
  let err = '';
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  let ended = false;
  const exit = new Promise<Exit>((resolve) => {
    proc.on('error', (error) => {
      ended = true;
      programs.delete(proc);
      resolve({ code: null, signal: null, error: error.message });
    });
    proc.on('close', (code, signal) => {
      ended = true;
      programs.delete(proc);
      resolve({ code, signal });
    });
  });
  return { proc, name, stdout: () => out, stderr: () => err, exit, alive: () => !ended };
}

function kill(program: Program): void {
  if (program.alive()) program.proc.kill('SIGKILL');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function finished(program: Program, ms = PROGRAM_TIMEOUT_MS): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Exit>((resolve) => {
    timer = setTimeout(() => resolve({ code: null, signal: null, error: `${program.name} did not finish within ${ms} ms` }), ms);
  });
  try {
    return await Promise.race([program.exit, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------
// Web hosts and their API

type Host = { name: string; program: Program; origin: string; token: string };

async function startHost(name: string, db: string, dir: string): Promise<Host> {
  const program = launch(name, ['serve', '--db', db, '--port', '0', '--no-open'], dir);
  const deadline = Date.now() + REQUEST_TIMEOUT_MS;
  for (;;) {
    const match = /Open (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(program.stdout());
    if (match) return { name, program, origin: match[1]!, token: match[2]! };
    if (!program.alive()) throw new Error(`${name} stopped before serving: ${program.stderr()}`);
    if (Date.now() > deadline) throw new Error(`${name} printed no address within ${REQUEST_TIMEOUT_MS} ms: ${program.stdout()} ${program.stderr()}`);
    await sleep(20);
  }
}

/** The parts of an API envelope this test reads (each method's value has some of these fields). */
type Body = {
  ok?: boolean;
  value: { id: number; quote: string; status: string; running: boolean; error: string | null };
  error?: { code: string; message: string };
};
type Reply = { host: string; method: string; input: unknown; status: number; text: string; body: Body | undefined; ms: number };

async function call(host: Host, method: string, input: unknown): Promise<Reply> {
  const started = performance.now();
  try {
    const res = await fetch(`${host.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let body: Body | undefined;
    try {
      body = JSON.parse(text) as Body;
    } catch {
      body = undefined;
    }
    return { host: host.name, method, input, status: res.status, text, body, ms: performance.now() - started };
  } catch (error) {
    // No answer at all (connection refused or reset, or too slow): recorded as status 0.
    return { host: host.name, method, input, status: 0, text: String(error), body: undefined, ms: performance.now() - started };
  }
}

const describe = (r: Reply) => `${r.host} ${r.method} ${JSON.stringify(r.input).slice(0, 120)} → ${r.status} ${r.text.slice(0, 300)}`;

// ---------------------------------------------------------------------------------------------------
// Article texts: distinct, Swedish and English, with numbers

/** A small deterministic random source (mulberry32), so a failing run can be repeated with its seed. */
function randomSource(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
  };
}
type Random = ReturnType<typeof randomSource>;

const places = ['Stockholm', 'Göteborg', 'Malmö', 'Umeå', 'Luleå', 'Uppsala', 'Visby', 'Kiruna'];
const svSentences = [
  (n: number, p: string) => `Kommunen i ${p} beslutade i går att satsa ${n} miljoner kronor på nya skolor.`,
  (n: number, p: string) => `Enligt polisen i ${p} greps ${n} personer efter oroligheterna på lördagskvällen.`,
  (n: number, p: string) => `Regeringen vill att ${n} procent av bussarna i ${p} ska gå på el före år 2030.`,
  (n: number, p: string) => `”Det här är en kris”, säger oppositionsrådet i ${p}, som kräver ${n} nya tjänster.`,
];
const enSentences = [
  (n: number, p: string) => `The council in ${p} said ${n} households had been without power since Tuesday.`,
  (n: number, p: string) => `Officials expect ${n} visitors at the summit in ${p}, twice as many as last year.`,
  (n: number, p: string) => `“We will not back down,” the minister told ${n} reporters gathered in ${p}.`,
];

/** An article of a few sentences; `serial` goes into the title and the text, so no two are the same. */
function articleText(random: Random, serial: string): string {
  const lines = [`Nyhet ${serial}: ${random.pick(places)} i fokus`, ''];
  const count = random.int(3, 7);
  for (let i = 0; i < count; i++) {
    const sentence = random.next() < 0.6 ? random.pick(svSentences) : random.pick(enSentences);
    lines.push(sentence(random.int(2, 9999), random.pick(places)));
  }
  lines.push(`Artikelnummer ${serial}.`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------
// What each host does while the import runs

type Ledger = {
  tags: { id: number; name: string }[];
  paths: { path: string[]; id: number }[];
  annotations: Map<number, { articleId: number; tagId: number; start: number; end: number; quote: string; note: string }>;
  articles: Map<number, { title: string; source: string }>;
  annotators: string[];
  imported: { id: number; text: string }[];
  /** Annotations whose returned quote was not the passage asked for. */
  wrongQuotes: string[];
};
const newLedger = (): Ledger => ({ tags: [], paths: [], annotations: new Map(), articles: new Map(), annotators: [], imported: [], wrongQuotes: [] });

type Seed = { id: number; text: string };

/**
 * Sends one write at a time, 20–50 ms apart, cycling through the kinds of change an analyst makes,
 * and records every one the host acknowledged.
 */
async function writeLane(host: Host, hostIndex: number, seeds: Seed[], own: Seed[], random: Random, ledger: Ledger, replies: Reply[], stop: () => boolean) {
  for (let i = 0; !stop(); i++) {
    const kind = i % 7;
    let reply: Reply;
    if (kind === 0 || ledger.tags.length === 0) {
      const name = `Ram ${hostIndex}-${i}`;
      reply = await call(host, 'tags.create', { name });
      if (reply.body?.ok) ledger.tags.push({ id: reply.body.value.id, name });
    } else if (kind === 1) {
      // Both hosts ensure the same paths: each must come out as one tag, not two.
      const path = ['Retorik', `Hot ${i % 4}`];
      reply = await call(host, 'tags.ensurePath', { path });
      if (reply.body?.ok) ledger.paths.push({ path, id: reply.body.value.id });
    } else if (kind === 2 || kind === 5) {
      const article = random.pick(seeds);
      const start = random.int(0, article.text.length - 40);
      const end = start + random.int(4, 35);
      const tagId = random.pick(ledger.tags).id;
      reply = await call(host, 'annotations.create', { articleId: article.id, tagId, start, end });
      if (reply.body?.ok) {
        const value = reply.body.value;
        ledger.annotations.set(value.id, { articleId: article.id, tagId, start, end, quote: article.text.slice(start, end), note: '' });
        if (value.quote !== article.text.slice(start, end)) ledger.wrongQuotes.push(describe(reply));
      }
    } else if (kind === 3 && ledger.annotations.size > 0) {
      const id = random.pick([...ledger.annotations.keys()]);
      const note = `Anteckning ${hostIndex}-${i}: ${random.pick(places)} ${random.int(1, 999)}`;
      reply = await call(host, 'annotations.update', { id, note });
      if (reply.body?.ok) ledger.annotations.get(id)!.note = note;
    } else if (kind === 4) {
      // Each host edits only its own articles, so the last edit it acknowledged is the one that must stand.
      const article = random.pick(own);
      const title = `Reviderad ${hostIndex}-${i}`;
      const source = `Källa ${random.int(1, 99)}`;
      reply = await call(host, 'articles.update', { id: article.id, title, source });
      if (reply.body?.ok) ledger.articles.set(article.id, { title, source });
    } else if (kind === 6 && i % 14 === 6) {
      const text = articleText(random, `webb ${hostIndex}-${i}`);
      reply = await call(host, 'articles.importText', { text, language: 'sv' });
      if (reply.body?.ok && reply.body.value.status === 'imported') ledger.imported.push({ id: reply.body.value.id, text });
    } else {
      const name = `Analytiker ${hostIndex}-${i}`;
      reply = await call(host, 'settings.setAnnotator', { name });
      if (reply.body?.ok) ledger.annotators.push(name);
    }
    replies.push(reply);
    await sleep(random.int(20, 50));
  }
}

/** Reads as the interface makes them (lists, searches, an article and its annotations), 20–50 ms apart. */
async function readLane(host: Host, seeds: Seed[], random: Random, replies: Reply[], stop: () => boolean) {
  const reads: [string, () => unknown][] = [
    ['project.info', () => ({})],
    ['articles.list', () => ({})],
    ['articles.list', () => ({ search: random.pick(places) })],
    ['tags.list', () => ({})],
    ['annotations.list', () => ({ articleId: random.pick(seeds).id })],
    ['articles.get', () => ({ id: random.pick(seeds).id })],
    ['entities.progress', () => ({})],
  ];
  for (let i = 0; !stop(); i++) {
    const [method, input] = reads[i % reads.length]!;
    replies.push(await call(host, method, input()));
    await sleep(random.int(20, 50));
  }
}

function lockMentions(label: string, text: string): string[] {
  return text
    .split('\n')
    .filter((line) => LOCK_WORDS.test(line))
    .slice(0, 5)
    .map((line) => `${label}: ${line.slice(0, 300)}`);
}

// ---------------------------------------------------------------------------------------------------

test('two web hosts answer every write while framelens import adds hundreds of articles to the same project', { timeout: 90_000 }, async (t: TestContext) => {
  const seed = Number(process.env.FRAMELENS_TEST_SEED ?? Date.now() % 1_000_000);
  t.diagnostic(`random seed ${seed} (set FRAMELENS_TEST_SEED to repeat)`);
  const random = randomSource(seed);
  const tmp = tempDir('framelens-concurrency-');
  const db = join(tmp.dir, 'shared.framelens');
  const started: Program[] = [];
  let stopped = false;
  let limitTimer: NodeJS.Timeout | undefined;
  try {
    // Six articles to annotate, imported before anything else runs.
    mkdirSync(join(tmp.dir, 'seed'));
    mkdirSync(join(tmp.dir, 'incoming'));
    const seedFiles = Array.from({ length: 6 }, (_, i) => {
      const file = join(tmp.dir, 'seed', `seed-${i}.txt`);
      writeFileSync(file, articleText(random, `grund ${i}`) + articleText(random, `grund ${i} del 2`));
      return file;
    });
    const seeding = launch('seed import', ['import', '--db', db, '--no-detect', '--json', ...seedFiles], tmp.dir);
    started.push(seeding);
    const seeded = await finished(seeding);
    assert.equal(seeded.code, 0, `seed import: ${seeding.stderr()} ${seeding.stdout()}`);
    const seedResults = importReport(seeding.stdout()).results;
    const seedTexts = new Database(db, { readonly: true });
    const seeds: Seed[] = seedResults.map((r) => ({
      id: r.id!,
      text: seedTexts.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(r.id) as string,
    }));
    seedTexts.close();
    assert.equal(seeds.length, 6);

    const files = Array.from({ length: IMPORT_FILES }, (_, i) => {
      const file = join(tmp.dir, 'incoming', `artikel-${String(i).padStart(4, '0')}.txt`);
      const text = articleText(random, `${i}-${random.int(100000, 999999)}`);
      writeFileSync(file, text);
      return { file, text };
    });

    const hosts = await Promise.all([startHost('host A', db, tmp.dir), startHost('host B', db, tmp.dir)]);
    started.push(...hosts.map((h) => h.program));

    const ledgers = hosts.map(newLedger);
    const replies: Reply[] = [];
    const stop = () => stopped;
    const lanes = hosts.flatMap((host, h) => [
      writeLane(host, h, seeds, seeds.slice(h * 3, h * 3 + 3), randomSource(seed + 1 + h), ledgers[h]!, replies, stop),
      readLane(host, seeds, randomSource(seed + 11 + h), replies, stop),
    ]);

    // The hosts are busy before the import starts and stay busy until it ends.
    await sleep(300);
    const importStarted = performance.now();
    const importing = launch('framelens import', ['import', '--db', db, '--json', '--lang', 'sv', ...files.map((f) => f.file)], tmp.dir);
    started.push(importing);
    const limit = new Promise<'limit'>((resolve) => (limitTimer = setTimeout(() => resolve('limit'), TRAFFIC_LIMIT_MS)));
    const outcome = await Promise.race([importing.exit.then(() => 'exited' as const), limit]);
    clearTimeout(limitTimer);
    const importMs = performance.now() - importStarted;
    await sleep(200);
    stopped = true;
    await Promise.all(lanes);
    assert.equal(outcome, 'exited', `the import did not finish within ${TRAFFIC_LIMIT_MS} ms`);

    // Background entity detection of the articles imported through the hosts must finish without error.
    for (const host of hosts) {
      const deadline = Date.now() + REQUEST_TIMEOUT_MS;
      for (;;) {
        const progress = await call(host, 'entities.progress', {});
        replies.push(progress);
        if (!progress.body?.ok || !progress.body.value.running || Date.now() > deadline) {
          assert.equal(progress.body?.ok, true, describe(progress));
          assert.equal(progress.body.value.running, false, `${host.name} is still detecting entities after ${REQUEST_TIMEOUT_MS} ms`);
          assert.equal(progress.body.value.error, null, `${host.name} failed to store detected entities: ${progress.body.value.error}`);
          break;
        }
        await sleep(100);
      }
    }

    for (const host of hosts) host.program.proc.kill('SIGINT');
    const hostExits = await Promise.all(hosts.map((h) => finished(h.program)));
    const importExit = await importing.exit;

    const writes = replies.filter((r) => !/^(project\.info|articles\.list|articles\.get|tags\.list|annotations\.list|entities\.progress)$/.test(r.method));
    t.diagnostic(
      `import of ${IMPORT_FILES} files took ${Math.round(importMs)} ms; ${writes.length} writes and ${replies.length - writes.length} reads sent to two hosts; ` +
        `slowest answer ${Math.round(Math.max(...replies.map((r) => r.ms)))} ms`,
    );

    // A summary first, so a failure shows everything that went wrong, not only the first assertion.
    const tally = (items: string[]) =>
      Object.entries(items.reduce<Record<string, number>>((n, k) => ((n[k] = (n[k] ?? 0) + 1), n), {}))
        .map(([k, n]) => `${k} ×${n}`)
        .join(', ');
    let importSummary = `exit ${importExit.code}`;
    try {
      importSummary += `, ${tally(importReport(importing.stdout()).results.map((r) => r.status))}`;
    } catch {
      importSummary += ', no JSON report';
    }
    t.diagnostic(`answers by status: ${tally(replies.map((r) => String(r.status)))}`);
    t.diagnostic(`refused: ${tally(replies.filter((r) => r.body?.ok !== true).map((r) => `${r.method} ${r.status} ${r.body?.error?.code ?? '-'}`)) || 'none'}`);
    t.diagnostic(`import: ${importSummary}; hosts exit ${hostExits.map((e) => e.code).join(', ')}`);

    // Nothing the analyst sees mentions the lock: not an answer, not a program's output.
    const mentions = [
      ...replies.flatMap((r) => lockMentions(`${r.host} ${r.method} (${r.status})`, r.text)),
      ...started.flatMap((p) => [...lockMentions(`${p.name} stdout`, p.stdout()), ...lockMentions(`${p.name} stderr`, p.stderr())]),
    ];
    assert.deepEqual(mentions, [], 'no answer or output mentions SQLITE_BUSY or a locked database');

    const unanswered = replies.filter((r) => r.status === 0).map(describe);
    assert.deepEqual(unanswered, [], 'every request is answered');
    const serverErrors = replies.filter((r) => r.status >= 500).map(describe);
    assert.deepEqual(serverErrors, [], 'no request is answered with a server error (5xx)');
    const refused = replies.filter((r) => r.body?.ok !== true).map(describe);
    assert.deepEqual(refused, [], 'every request succeeds: none is refused because another program is writing');
    assert.deepEqual(
      ledgers.flatMap((l) => l.wrongQuotes),
      [],
      'every new annotation quotes the passage asked for',
    );
    for (const host of hosts) {
      assert.doesNotMatch(host.program.stderr(), /^\s+at /m, `${host.name} logged no stack trace`);
    }
    assert.deepEqual(
      hostExits.map((e) => e.code),
      [0, 0],
      `both hosts stop cleanly on SIGINT: ${hosts.map((h) => h.program.stderr()).join(' | ')}`,
    );

    // The import: exit 0, every file imported, and the project holds exactly what it claims.
    assert.equal(importExit.code, 0, `framelens import exits 0: ${importing.stderr()} ${importing.stdout().slice(-2000)}`);
    const report = importReport(importing.stdout());
    assert.equal(report.results.length, IMPORT_FILES);
    const notImported = report.results.filter((r) => r.status !== 'imported').map((r) => `${r.name}: ${r.status} ${r.message ?? ''}`);
    assert.deepEqual(notImported, [], 'the import reports every file as imported');

    const check = new Database(db, { readonly: true, fileMustExist: true });
    try {
      assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
      const articleCount = check.prepare('SELECT count(*) FROM articles').pluck().get() as number;
      const apiImported = ledgers.reduce((n, l) => n + l.imported.length, 0);
      assert.equal(
        articleCount,
        seeds.length + IMPORT_FILES + apiImported,
        'the project holds the seed articles, every imported file and every article imported through a host',
      );
      const textOf = check.prepare('SELECT text FROM articles WHERE id = ?').pluck();
      report.results.forEach((r, i) => assert.equal(textOf.get(r.id!), files[i]!.text, `${r.name} is stored as article ${r.id} with its text`));
      const detected = check.prepare('SELECT count(*) FROM detection_state WHERE article_id = ?').pluck();
      const undetected = report.results.filter((r) => detected.get(r.id!) !== 1).length;
      assert.equal(undetected, 0, `entity detection was stored for every imported file (${undetected} missing)`);

      const tagById = check.prepare('SELECT id, parent_id AS parentId, name FROM tags WHERE id = ?');
      const annotationById = check.prepare('SELECT article_id AS articleId, tag_id AS tagId, start, "end", quote, note FROM annotations WHERE id = ?');
      const articleById = check.prepare('SELECT title, source FROM articles WHERE id = ?');
      let acknowledged = 0;
      for (const ledger of ledgers) {
        for (const tag of ledger.tags) {
          acknowledged++;
          assert.deepEqual(tagById.get(tag.id), { id: tag.id, parentId: null, name: tag.name }, `acknowledged tag “${tag.name}” is in the project`);
        }
        for (const [id, a] of ledger.annotations) {
          acknowledged++;
          assert.deepEqual(
            annotationById.get(id),
            { articleId: a.articleId, tagId: a.tagId, start: a.start, end: a.end, quote: a.quote, note: a.note },
            `acknowledged annotation ${id} is in the project with its quote and last note`,
          );
        }
        for (const [id, a] of ledger.articles) {
          acknowledged++;
          assert.deepEqual(articleById.get(id), a, `the last acknowledged edit of article ${id} is in the project`);
        }
        for (const a of ledger.imported) {
          acknowledged++;
          assert.equal(textOf.get(a.id), a.text, `article ${a.id} imported through a host is in the project`);
          assert.equal(detected.get(a.id), 1, `entity detection was stored for article ${a.id} imported through a host`);
        }
        acknowledged += ledger.paths.length + ledger.annotators.length;
      }
      // Paths ensured by both hosts came out as one tag each, and that is the tag both were given.
      const paths = new Map<string, Set<number>>();
      for (const { path, id } of ledgers.flatMap((l) => l.paths)) {
        const key = path.join(' > ');
        if (!paths.has(key)) paths.set(key, new Set());
        paths.get(key)!.add(id);
      }
      assert.ok(paths.size > 0, 'some paths were ensured');
      const childrenNamed = check
        .prepare(`SELECT c.id FROM tags c JOIN tags p ON c.parent_id = p.id WHERE p.parent_id IS NULL AND p.name = ? AND c.name = ?`)
        .pluck();
      for (const [key, ids] of paths) {
        const [parent, child] = key.split(' > ');
        assert.deepEqual([...ids], childrenNamed.all(parent, child), `“${key}” exists once and both hosts were given that tag`);
      }
      assert.equal(check.prepare(`SELECT count(*) FROM tags WHERE parent_id IS NULL AND name = 'Retorik'`).pluck().get() as number, 1, '“Retorik” exists once');
      const annotators = ledgers.flatMap((l) => l.annotators);
      assert.ok(annotators.length > 0, 'the analyst name was set');
      assert.ok(
        annotators.includes(check.prepare(`SELECT value FROM settings WHERE key = 'annotator'`).pluck().get() as string),
        'the analyst name is one the hosts acknowledged',
      );
      assert.ok(acknowledged >= 40, `enough writes were acknowledged to mean something (${acknowledged})`);
      t.diagnostic(`${acknowledged} acknowledged writes checked in the file`);
    } finally {
      check.close();
    }
  } finally {
    stopped = true;
    clearTimeout(limitTimer);
    for (const program of started) kill(program);
    await Promise.all(started.map((p) => finished(p, 5_000)));
    tmp.cleanup();
  }
});

/**
 * A preload that holds a program just before it opens the project file until every program of the
 * round has reached that point, so that they really create the project at the same moment (the time
 * Node and the sources take to load varies by hundreds of milliseconds on a busy machine, far more
 * than creating a project takes). It only delays the opening; it changes nothing about it.
 */
const barrierSource = `'use strict';
// better-sqlite3 checks that the file's folder exists right before it opens the file: hold there.
const fs = require('node:fs');
const { dirname, join } = require('node:path');
const folder = dirname(process.env.FRAMELENS_BARRIER_DB);
const existsSync = fs.existsSync;
const pause = new Int32Array(new SharedArrayBuffer(4));
let held = false;
fs.existsSync = function (path) {
  if (!held && path === folder && /better-sqlite3/.test(new Error().stack)) {
    held = true;
    const dir = process.env.FRAMELENS_BARRIER_DIR;
    fs.writeFileSync(join(dir, String(process.pid)), '');
    const deadline = Date.now() + 15000;
    let arrived = [];
    while ((arrived = fs.readdirSync(dir)).length < Number(process.env.FRAMELENS_BARRIER_PARTIES) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 1);
    // Every program computes the same moment to go from the files' times, then waits for it exactly.
    const last = Math.max(...arrived.map((name) => fs.statSync(join(dir, name)).mtimeMs));
    const go = last + 25;
    while (Date.now() < go - 2) Atomics.wait(pause, 0, 0, 1);
    while (performance.timeOrigin + performance.now() < go) {}
  }
  return existsSync.apply(this, arguments);
};
`;

test('two imports creating the same new project at the same moment both succeed', { timeout: 60_000 }, async (t: TestContext) => {
  const tmp = tempDir('framelens-new-project-');
  const random = randomSource(7);
  const started: Program[] = [];
  // The two programs meet at a different step of setting up the project each round (checking what the
  // file is, switching it to WAL, creating the tables), as the machine's timing falls.
  const rounds = Number(process.env.FRAMELENS_CREATE_ROUNDS ?? 12);
  const barrier = join(tmp.dir, 'hold-before-open.cjs');
  writeFileSync(barrier, barrierSource);
  try {
    const failures: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const db = join(tmp.dir, `new-${round}.framelens`);
      const arrived = join(tmp.dir, `arrived-${round}`);
      mkdirSync(arrived);
      const env = { FRAMELENS_BARRIER_DB: db, FRAMELENS_BARRIER_DIR: arrived, FRAMELENS_BARRIER_PARTIES: '2' };
      const texts = ['a', 'b'].map((side) => articleText(random, `ny ${round}${side}`));
      const files = texts.map((text, i) => {
        const file = join(tmp.dir, `round-${round}-${i}.txt`);
        writeFileSync(file, text);
        return file;
      });
      const pair = files.map((file, i) =>
        launch(`import ${round}.${i}`, ['import', '--db', db, '--no-detect', '--json', file], tmp.dir, { node: ['--require', barrier], env }),
      );
      started.push(...pair);
      const exits = await Promise.all(pair.map((p) => finished(p)));
      assert.equal(
        readdirSync(arrived).length,
        2,
        `round ${round}: both imports reached the moment of opening the project (${pair.map((p) => p.stderr()).join(' | ')})`,
      );
      exits.forEach((exit, i) => {
        const program = pair[i]!;
        if (exit.code !== 0)
          failures.push(
            `round ${round}, ${program.name}: exit ${exit.code} ${exit.error ?? ''} ${program.stderr().trim()} ${program.stdout().trim()}`.slice(0, 500),
          );
        else if (importReport(program.stdout()).results[0]?.status !== 'imported') failures.push(`round ${round}, ${program.name}: ${program.stdout().trim()}`);
      });
      if (!existsSync(db)) {
        failures.push(`round ${round}: no project file was created`);
        continue;
      }
      const check = new Database(db, { readonly: true, fileMustExist: true });
      try {
        const stored = check.prepare('SELECT text FROM articles ORDER BY text').pluck().all() as string[];
        if (JSON.stringify(stored) !== JSON.stringify([...texts].sort())) failures.push(`round ${round}: the project holds ${stored.length} of the 2 articles`);
        const version = check.pragma('user_version', { simple: true });
        if (version !== latestVersion) failures.push(`round ${round}: project format ${version}, expected ${latestVersion}`);
        if (check.pragma('integrity_check', { simple: true }) !== 'ok') failures.push(`round ${round}: integrity check failed`);
      } finally {
        check.close();
      }
    }
    t.diagnostic(`${rounds} rounds of two imports creating a new project at the same moment`);
    assert.deepEqual(failures, [], 'both imports succeed and the new project holds both articles, every round');
  } finally {
    for (const program of started) kill(program);
    await Promise.all(started.map((p) => finished(p, 5_000)));
    tmp.cleanup();
  }
});
