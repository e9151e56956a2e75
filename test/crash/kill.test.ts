// A project survives its program being killed outright (kill -9: a crash, a power-off of the process,
// an impatient task manager) at any moment: while `framelens import` adds many files, and while the
// web host is in the middle of API writes. After every kill the file passes SQLite's integrity check
// and the full-text index's own check, still opens with `framelens articles`, and holds every change
// that was acknowledged before the kill. Run with `npm run test:crash`.
import { after, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { importReport } from '../unit/support/cli.ts';

const bin = fileURLToPath(new URL('../../main/bin/framelens.mjs', import.meta.url));

const TRIALS = 10;
const IMPORT_BATCH = 150;
const PROGRAM_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 20_000;

// ---------------------------------------------------------------------------------------------------
// Child programs

type Exit = { code: number | null; signal: NodeJS.Signals | null; error?: string };
type Program = { proc: ChildProcess; name: string; stdout: () => string; stderr: () => string; exit: Promise<Exit>; alive: () => boolean };

const programs = new Set<ChildProcess>();
after(() => {
  for (const proc of programs) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
});

function launch(name: string, args: string[], dir: string): Program {
  const proc = spawn(process.execPath, [bin, ...args], {
    cwd: dir,
    env: { ...process.env, FRAMELENS_HOME: join(dir, 'home'), NO_COLOR: '1' },
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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function finished(program: Program, ms = PROGRAM_TIMEOUT_MS): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Exit>((resolve) => {
    timer = setTimeout(() => {
      if (program.alive()) program.proc.kill('SIGKILL');
      resolve({ code: null, signal: null, error: `${program.name} did not finish within ${ms} ms` });
    }, ms);
  });
  try {
    return await Promise.race([program.exit, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a command to its end and fails the test with its output when it does not exit 0. */
async function runOk(name: string, args: string[], dir: string): Promise<string> {
  const program = launch(name, args, dir);
  const exit = await finished(program);
  assert.equal(exit.code, 0, `${name} exits 0 (${exit.error ?? ''}): ${program.stderr()} ${program.stdout().slice(-1500)}`);
  return program.stdout();
}

// ---------------------------------------------------------------------------------------------------
// Texts and randomness

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
const sentences = [
  (n: number, p: string) => `Kommunen i ${p} beslutade i går att satsa ${n} miljoner kronor på nya skolor.`,
  (n: number, p: string) => `Enligt polisen i ${p} greps ${n} personer efter oroligheterna på lördagskvällen.`,
  (n: number, p: string) => `”Det här är en kris”, säger oppositionsrådet i ${p}, som kräver ${n} nya tjänster.`,
  (n: number, p: string) => `The council in ${p} said ${n} households had been without power since Tuesday.`,
  (n: number, p: string) => `“We will not back down,” the minister told ${n} reporters gathered in ${p}.`,
];

function articleText(random: Random, serial: string): string {
  const lines = [`Nyhet ${serial}: ${random.pick(places)} i fokus`, ''];
  for (let i = random.int(3, 7); i > 0; i--) lines.push(random.pick(sentences)(random.int(2, 9999), random.pick(places)));
  lines.push(`Artikelnummer ${serial}.`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------
// What must hold after every kill

type Opened = { articles: number; version: number };

/** Opens the file as Framelens would after the crash and checks it; returns what it holds. */
function checkFile(path: string, label: string): Opened {
  const db = new Database(path, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
    assert.deepEqual(
      integrity.map((r) => r.integrity_check),
      ['ok'],
      `${label}: PRAGMA integrity_check`,
    );
    assert.deepEqual(db.pragma('foreign_key_check'), [], `${label}: PRAGMA foreign_key_check`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasArticles = db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'articles_fts'`).pluck().get() === 1;
    if (!hasArticles) {
      // Killed while the new project was being set up: nothing may be half there.
      assert.equal(version, 0, `${label}: a project without its tables records no schema version`);
      return { articles: 0, version };
    }
    assert.doesNotThrow(
      () => db.prepare(`INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')`).run(),
      `${label}: the full-text index passes its own check`,
    );
    const articles = db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    const indexed = db.prepare('SELECT count(*) FROM articles_fts').pluck().get() as number;
    assert.equal(indexed, articles, `${label}: every article is in the full-text index`);
    return { articles, version };
  } finally {
    db.close();
  }
}

/** `framelens articles` opens the file after the crash and lists exactly the articles it holds. */
async function listsArticles(path: string, dir: string, expected: number, label: string) {
  const out = await runOk(`framelens articles (${label})`, ['articles', '--db', path, '--json'], dir);
  const listed = (JSON.parse(out) as { articles: unknown[] }).articles.length;
  assert.equal(listed, expected, `${label}: framelens articles lists every article in the file`);
}

function articleCount(path: string): number | null {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return null; // not created yet, or its tables not yet committed
  }
}

// ---------------------------------------------------------------------------------------------------

test(`a project survives framelens import being killed at a random moment (${TRIALS} trials)`, { timeout: 240_000 }, async (t: TestContext) => {
  const seed = Number(process.env.FRAMELENS_TEST_SEED ?? Date.now() % 1_000_000);
  t.diagnostic(`random seed ${seed} (set FRAMELENS_TEST_SEED to repeat)`);
  const random = randomSource(seed);
  const dir = mkdtempSync(join(tmpdir(), 'framelens-crash-import-'));
  const db = join(dir, 'killed.framelens');
  const texts = new Map<string, string>(); // every file so far, by path
  let count = 0;
  const moments: string[] = [];
  /** How long an import takes to store its first article: the stretch in which 'opening' kills fall. */
  let firstStoreMs = 1000;
  try {
    let killed = 0;
    for (let attempt = 0; killed < TRIALS; attempt++) {
      assert.ok(attempt < TRIALS * 2, `only ${killed} of ${attempt} imports were still running when their kill came`);
      const batch = join(dir, `batch-${attempt}`);
      mkdirSync(batch);
      const files = Array.from({ length: IMPORT_BATCH }, (_, i) => {
        const file = join(batch, `artikel-${i}.txt`);
        const text = articleText(random, `${attempt}.${i}-${random.int(100000, 999999)}`);
        writeFileSync(file, text);
        texts.set(file, text);
        return file;
      });

      // A random moment in one of three stretches, chosen in turn: starting up and opening (or creating)
      // the project; storing the files (once a random number of them is in); detecting entities after
      // every file is stored.
      const phase = (['opening', 'storing', 'detecting'] as const)[attempt % 3]!;
      const launched = Date.now();
      const importing = launch(`import ${attempt}`, ['import', '--db', db, '--lang', 'sv', ...files], dir);
      const stored = () => (articleCount(db) ?? 0) - count;
      const until = async (condition: () => boolean) => {
        const deadline = Date.now() + PROGRAM_TIMEOUT_MS;
        while (importing.alive() && !condition() && Date.now() < deadline) await sleep(2);
      };
      if (phase === 'opening') {
        // The later half of the start-up, where the project is opened (or created) and checked.
        await sleep(random.int(Math.floor(firstStoreMs / 2), firstStoreMs));
      } else if (phase === 'storing') {
        const target = random.int(1, IMPORT_BATCH - 1);
        await until(() => stored() >= 1);
        firstStoreMs = Date.now() - launched;
        await until(() => stored() >= target);
      } else {
        await until(() => stored() >= IMPORT_BATCH);
        await sleep(random.int(0, 500));
      }
      const stillRunning = importing.alive();
      if (stillRunning) importing.proc.kill('SIGKILL');
      const exit = await finished(importing);
      if (!stillRunning) {
        // It finished first: not a kill, but the file must still be right. The next batch tries again.
        assert.equal(exit.code, 0, `import ${attempt} exits 0: ${importing.stderr()}`);
      } else {
        assert.equal(exit.signal, 'SIGKILL', `import ${attempt} was killed (${JSON.stringify(exit)})`);
        killed++;
      }

      const label = `after ${stillRunning ? 'killing' : 'letting finish'} import ${attempt}`;
      let opened: Opened;
      if (!existsSync(db)) {
        // Killed before it created the project: there is nothing to open, and the command says so.
        assert.equal(count, 0, `${label}: the project file is still there`);
        const listing = launch(`framelens articles (${label})`, ['articles', '--db', db], dir);
        assert.equal((await finished(listing)).code, 1, `${label}: framelens articles refuses a missing project`);
        assert.match(listing.stderr(), /There is no Framelens project/);
        opened = { articles: 0, version: 0 };
      } else {
        opened = checkFile(db, label);
        assert.ok(opened.articles >= count, `${label}: the article count never goes down (${count} → ${opened.articles})`);
        await listsArticles(db, dir, opened.articles, label);
      }
      moments.push(`${phase} ${opened.articles - count}/${IMPORT_BATCH}${stillRunning ? '' : ' (finished first)'}`);

      // Importing the same files again completes the batch: each file is imported or a duplicate, once.
      const again = importReport(await runOk(`re-import ${attempt}`, ['import', '--db', db, '--no-detect', '--json', ...files], dir));
      assert.equal(again.results.length, IMPORT_BATCH);
      const odd = again.results.filter((r) => r.status !== 'imported' && r.status !== 'duplicate');
      assert.deepEqual(odd, [], `${label}: importing the batch again reports each file as imported or duplicate`);
      const duplicates = again.results.filter((r) => r.status === 'duplicate').length;
      assert.equal(duplicates, opened.articles - count, `${label}: exactly the files stored before the kill are duplicates`);

      const check = new Database(db, { readonly: true, fileMustExist: true });
      try {
        const copies = check.prepare('SELECT id FROM articles WHERE text = ?').pluck();
        for (const [file, text] of texts) {
          const ids = copies.all(text) as number[];
          assert.equal(ids.length, 1, `${label}: ${file} is in the project exactly once`);
        }
        for (const r of again.results) assert.deepEqual(copies.all(texts.get(r.name)!), [r.id], `${label}: ${r.name} is reported under its own article id`);
        const total = check.prepare('SELECT count(*) FROM articles').pluck().get() as number;
        assert.equal(total, texts.size, `${label}: one article per file, nothing else`);
        count = total;
      } finally {
        check.close();
      }
    }
    t.diagnostic(`articles stored by each import before its kill: ${moments.join('; ')}`);
  } finally {
    for (const proc of programs) proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------------
// The web host

type Host = { program: Program; origin: string; token: string };

async function startHost(db: string, dir: string, name: string): Promise<Host> {
  const program = launch(name, ['serve', '--db', db, '--port', '0', '--no-open'], dir);
  const deadline = Date.now() + PROGRAM_TIMEOUT_MS;
  for (;;) {
    const match = /Open (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(program.stdout());
    if (match) return { program, origin: match[1]!, token: match[2]! };
    if (!program.alive()) throw new Error(`${name} stopped before serving: ${program.stderr()}`);
    if (Date.now() > deadline) throw new Error(`${name} printed no address: ${program.stderr()}`);
    await sleep(20);
  }
}

/** The answer's envelope, or null when the host gave none (it was killed meanwhile). */
/** The parts of an API envelope this test reads (each method's value has some of these fields). */
type Body = { ok?: boolean; value: { id: number; status: string } };

async function call(host: Host, method: string, input: unknown): Promise<{ status: number; body: Body } | null> {
  try {
    const res = await fetch(`${host.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as Body };
  } catch {
    return null;
  }
}

/** A value a kill may have left either way: the last one acknowledged, or the one sent but unanswered. */
type Pending = { acked: string; inFlight: string | null };

type HostLedger = {
  tags: Map<number, string>;
  annotations: Map<number, { articleId: number; quote: string; note: Pending }>;
  titles: Map<number, Pending>;
  imported: Map<number, string>;
  /** Answers other than ok, which must not happen. */
  refused: string[];
};

test(`a project survives the web host being killed while API writes are in flight (${TRIALS} trials)`, { timeout: 240_000 }, async (t: TestContext) => {
  const seed = Number(process.env.FRAMELENS_TEST_SEED ?? Date.now() % 1_000_000) + 1;
  t.diagnostic(`random seed ${seed - 1} (set FRAMELENS_TEST_SEED to repeat)`);
  const random = randomSource(seed);
  const dir = mkdtempSync(join(tmpdir(), 'framelens-crash-host-'));
  const db = join(dir, 'killed.framelens');
  const lanes = 3;
  const ledger: HostLedger = { tags: new Map(), annotations: new Map(), titles: new Map(), imported: new Map(), refused: [] };
  const summary: string[] = [];
  try {
    // One article per writing lane, each edited by its lane only, so the last edit it sent is known.
    const seedFiles = Array.from({ length: lanes }, (_, i) => {
      const file = join(dir, `seed-${i}.txt`);
      writeFileSync(file, articleText(random, `grund ${i}`) + articleText(random, `grund ${i} del 2`));
      return file;
    });
    const seeded = importReport(await runOk('seed import', ['import', '--db', db, '--no-detect', '--json', ...seedFiles], dir));
    const seedDb = new Database(db, { readonly: true });
    const seeds = seeded.results.map((r) => ({ id: r.id!, text: seedDb.prepare('SELECT text FROM articles WHERE id = ?').pluck().get(r.id) as string }));
    seedDb.close();
    for (const s of seeds) ledger.titles.set(s.id, { acked: (s.text.split('\n')[0] ?? '').trim(), inFlight: null });
    let count = seeds.length;

    for (let trial = 0; trial < TRIALS; trial++) {
      const host = await startHost(db, dir, `host ${trial}`);
      let killing = false;
      let inFlight = 0;
      let acked = 0;
      let firstAck: () => void = () => {};
      const firstAcked = new Promise<void>((resolve) => (firstAck = resolve));

      const lane = async (l: number) => {
        const own = seeds[l]!;
        const mine: number[] = [];
        for (let i = 0; !killing; i++) {
          const kind = i % 5;
          inFlight++;
          if (kind === 0) {
            const name = `Ram ${trial}-${l}-${i}`;
            const r = await call(host, 'tags.create', { name });
            if (r?.body?.ok) ledger.tags.set(r.body.value.id, name);
            else if (r) ledger.refused.push(`tags.create ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
          } else if (kind === 1 || kind === 3) {
            const tagId = random.pick([...ledger.tags.keys()]);
            const start = random.int(0, own.text.length - 40);
            const end = start + random.int(4, 35);
            const r = await call(host, 'annotations.create', { articleId: own.id, tagId, start, end, note: '' });
            if (r?.body?.ok) {
              ledger.annotations.set(r.body.value.id, { articleId: own.id, quote: own.text.slice(start, end), note: { acked: '', inFlight: null } });
              mine.push(r.body.value.id);
            } else if (r) ledger.refused.push(`annotations.create ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
          } else if (kind === 2 && mine.length > 0) {
            const id = random.pick(mine);
            const note = `Anteckning ${trial}-${l}-${i}`;
            const entry = ledger.annotations.get(id)!;
            entry.note.inFlight = note;
            const r = await call(host, 'annotations.update', { id, note });
            if (r?.body?.ok) entry.note = { acked: note, inFlight: null };
            else if (r) {
              entry.note.inFlight = null;
              ledger.refused.push(`annotations.update ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
            }
          } else if (kind === 4 && i % 10 === 4) {
            const text = articleText(random, `webb ${trial}-${l}-${i}-${random.int(100000, 999999)}`);
            const r = await call(host, 'articles.importText', { text, language: 'sv' });
            if (r?.body?.ok && r.body.value.status === 'imported') ledger.imported.set(r.body.value.id, text);
            else if (r) ledger.refused.push(`articles.importText ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
          } else {
            const title = `Reviderad ${trial}-${l}-${i}`;
            const entry = ledger.titles.get(own.id)!;
            entry.inFlight = title;
            const r = await call(host, 'articles.update', { id: own.id, title });
            if (r?.body?.ok) ledger.titles.set(own.id, { acked: title, inFlight: null });
            else if (r) {
              entry.inFlight = null;
              ledger.refused.push(`articles.update ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
            }
          }
          inFlight--;
          if (!killing) {
            acked++;
            firstAck();
          }
        }
      };
      // The first lane's first write is a tag, so the others have one to annotate with.
      if (ledger.tags.size === 0) {
        const r = await call(host, 'tags.create', { name: 'Grundram' });
        assert.equal(r?.body?.ok, true, `the first tag is created: ${JSON.stringify(r)}`);
        ledger.tags.set(r!.body.value.id, 'Grundram');
      }
      const running = Array.from({ length: lanes }, (_, l) => lane(l));
      await firstAcked;
      await sleep(random.int(0, 600));
      const deadline = Date.now() + 2_000;
      while (inFlight === 0 && Date.now() < deadline) await sleep(1);
      const pendingAtKill = inFlight;
      killing = true;
      host.program.proc.kill('SIGKILL');
      const exit = await finished(host.program);
      await Promise.all(running);
      assert.equal(exit.signal, 'SIGKILL', `host ${trial} was killed (${JSON.stringify(exit)})`);
      assert.ok(pendingAtKill > 0, `host ${trial} had writes in flight when it was killed`);
      summary.push(`${acked} acknowledged, ${pendingAtKill} in flight`);

      const label = `after killing host ${trial}`;
      assert.deepEqual(ledger.refused, [], `${label}: no write was refused before the kill`);
      const opened = checkFile(db, label);
      assert.ok(opened.articles >= count, `${label}: the article count never goes down (${count} → ${opened.articles})`);
      count = opened.articles;

      const check = new Database(db, { readonly: true, fileMustExist: true });
      try {
        const tagName = check.prepare('SELECT name FROM tags WHERE id = ?').pluck();
        for (const [id, name] of ledger.tags) assert.equal(tagName.get(id), name, `${label}: acknowledged tag ${id} “${name}” is in the project`);
        const annotation = check.prepare('SELECT article_id AS articleId, quote, note FROM annotations WHERE id = ?');
        for (const [id, a] of ledger.annotations) {
          const row = annotation.get(id) as { articleId: number; quote: string; note: string } | undefined;
          assert.ok(row, `${label}: acknowledged annotation ${id} is in the project`);
          assert.equal(row.articleId, a.articleId, `${label}: annotation ${id} is on its article`);
          assert.equal(row.quote, a.quote, `${label}: annotation ${id} keeps its quote`);
          assert.ok(
            [a.note.acked, a.note.inFlight].includes(row.note),
            `${label}: annotation ${id}'s note is the last one acknowledged (${JSON.stringify(a.note)}, found ${JSON.stringify(row.note)})`,
          );
          a.note = { acked: row.note, inFlight: null };
        }
        const title = check.prepare('SELECT title FROM articles WHERE id = ?').pluck();
        for (const [id, p] of ledger.titles) {
          const found = title.get(id) as string;
          assert.ok(
            [p.acked, p.inFlight].includes(found),
            `${label}: article ${id}'s title is the last one acknowledged (${JSON.stringify(p)}, found ${JSON.stringify(found)})`,
          );
          ledger.titles.set(id, { acked: found, inFlight: null });
        }
        const text = check.prepare('SELECT text FROM articles WHERE id = ?').pluck();
        for (const [id, body] of ledger.imported) assert.equal(text.get(id), body, `${label}: article ${id} imported through the host is in the project`);
      } finally {
        check.close();
      }
      await listsArticles(db, dir, count, label);
    }
    const total = ledger.tags.size + ledger.annotations.size + ledger.imported.size;
    t.diagnostic(`per trial: ${summary.join('; ')}; ${total} tags, annotations and articles checked after every kill`);
  } finally {
    for (const proc of programs) proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
