// Property-based reliability tests of Framelens's API, over every method of the contract, on a real
// project file seeded with articles holding å ä ö, typographic quotes, a combining mark and emoji.
//
//   node --import tsx --test test/unit/api-properties.test.ts
//   FRAMELENS_FUZZ_RUNS=2000 node --import tsx --test test/unit/api-properties.test.ts   (npm run test:fuzz)
//   FRAMELENS_FUZZ_SEED=<seed printed with a failure> to replay it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { contract, errorCodes, methods, type Annotation, type Envelope, type Method } from '../../main/api/contract.ts';
import { FUZZ_RUNS, FUZZ_SEED, FuzzProject, projectWorld } from './support/fuzz-project.ts';
import { C0_CONTROL, dumpDifference, dumpProject, passageProblems, storageProblems, storedTextProblems } from './support/project-dump.ts';
import { anyCall, existingRef, invalidCase, ref, resolvePlan, stringPaths, validPlan, withControl, type AnyCall } from './support/api-arbitraries.ts';

const settings = (numRuns = FUZZ_RUNS) => ({ numRuns, seed: FUZZ_SEED, includeErrorInReport: true });

let bench: FuzzProject;
before(() => {
  bench = new FuzzProject();
});
after(() => bench?.cleanup());

// ---------------------------------------------------------------------------------------------------
// What every answer must look like

/** A value short enough to print: long strings and lists are cut, with their length said. */
function show(value: unknown): string {
  const seen = new Set<unknown>();
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'string' && v.length > 160) return `${v.slice(0, 120)}… (${v.length} code units)`;
    if (typeof v === 'number' && !Number.isFinite(v)) return `«${v}»`;
    if (v === undefined) return '«undefined»';
    if (Array.isArray(v) && v.length > 12) return [...v.slice(0, 8), `… (${v.length} items)`];
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '«shown above»';
      seen.add(v);
    }
    return v;
  });
  return text === undefined ? String(value) : text;
}

/** What a refusal's message may never show: SQL, SQLite's own words, JavaScript errors or a stack. */
const LEAKS =
  /SQLITE|sqlite_|\bSELECT\b[\s\S]*\bFROM\b|\bINSERT INTO\b|\bDELETE FROM\b|\bUPDATE\b \S+ \bSET\b|constraint failed|no such (table|column)|\n\s+at |\bat \S+ \(.*:\d+:\d+\)|\w+\.(ts|js|mjs):\d+|TypeError|ReferenceError|RangeError|SyntaxError|Cannot read propert|is not a function|is not iterable|\[object Object\]/;

function checkEnvelope(envelope: unknown, context: string): asserts envelope is Envelope<unknown> {
  assert.ok(typeof envelope === 'object' && envelope !== null, `${context}: dispatch answered ${show(envelope)}, not an envelope`);
  const e = envelope as Record<string, unknown>;
  assert.equal(typeof e.ok, 'boolean', `${context}: the envelope has no ok flag: ${show(envelope)}`);
  if (e.ok === false) {
    const error = e.error as Record<string, unknown> | undefined;
    assert.ok(error && typeof error === 'object', `${context}: a refusal without an error: ${show(envelope)}`);
    assert.ok((errorCodes as readonly unknown[]).includes(error.code), `${context}: unknown error code ${show(error.code)}`);
    assert.equal(typeof error.message, 'string', `${context}: the message is not a string`);
    const message = error.message as string;
    assert.ok(message.trim().length > 0, `${context}: the ${String(error.code)} message is empty`);
    assert.doesNotMatch(message, LEAKS, `${context}: the ${String(error.code)} message shows internals: ${show(message)}`);
    // Long names and tag paths may be quoted back; the input itself (up to megabytes) may not.
    assert.ok(
      message.length <= 5000,
      `${context}: the ${String(error.code)} message is ${message.length} characters long, more than a person reads: ${show(message)}`,
    );
  }
}

function assertNoPollution(context: string) {
  const probe = {} as Record<string, unknown>;
  assert.equal(probe.polluted, undefined, `${context}: Object.prototype was changed`);
}

/** Calls a method through dispatch and keeps track of what the project deleted. */
function call(method: unknown, input: unknown): Envelope<unknown> {
  const r = bench.project.dispatch(method, input);
  if (r.ok && method === 'annotations.delete') bench.deleted.add((r.value as { deleted: Annotation }).deleted.id);
  return r;
}

const describeCall = (method: string, input: unknown) => `${method} ${show(input)}`;

/**
 * Runs one case; when it fails, the project it left behind is set aside, so that fast-check's shrinking
 * replays each smaller case on the seeded project rather than on what the failing case left.
 */
let spoiled = false;
function oneCase<A extends unknown[]>(body: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    if (spoiled) {
      bench.reset();
      spoiled = false;
    }
    try {
      body(...args);
    } catch (error) {
      if (!fc.PreconditionFailure.isFailure(error)) spoiled = true;
      throw error;
    }
  };
}

// ---------------------------------------------------------------------------------------------------
// 1. Invalid input is refused, cleanly, and changes nothing

describe('invalid input: refused with a known code and a clean message, the project byte for byte as it was', () => {
  for (const method of methods) {
    test(method, () => {
      bench.keepSmall();
      // A refused call leaves the project as it was, so the dump after one call is the dump before the next.
      let project = bench.project;
      let current = dumpProject(project.db);
      fc.assert(
        fc.property(
          invalidCase(method),
          oneCase((c) => {
            if (bench.project !== project) [project, current] = [bench.project, dumpProject(bench.project.db)];
            const db = project.db;
            let input = resolvePlan(c.plan, bench.world());
            let controlPath: (string | number)[] | null = null;
            if (c.control) {
              const paths = stringPaths(input);
              fc.pre(paths.length > 0);
              controlPath = paths[c.control.which % paths.length]!;
              input = withControl(input, controlPath, c.control.at, c.control.char);
            }
            const context = `${describeCall(method, input)} (${c.expect.why})`;
            if (c.expect.category === 'schema') {
              assert.equal(
                contract[method].input.safeParse(input ?? {}).success,
                false,
                `the test meant to send input the schema refuses, but it accepts it: ${context}`,
              );
            }
            const before = current;
            const r = call(method, input);
            const after = (current = dumpProject(db));
            checkEnvelope(r, context);
            assert.equal(db.inTransaction, false, `${context}: the connection was left inside a transaction`);
            assertNoPollution(context);
            const pastedText = method === 'articles.importText' && controlPath?.length === 1 && controlPath[0] === 'text';
            if (pastedText && r.ok) {
              // Pasted text may instead have its control characters removed, with a word in the result.
              const result = r.value as { status: string; message?: string };
              assert.deepEqual(storedTextProblems(db, { encoding: false }), [], `${context}: the control character was stored`);
              if (result.status === 'imported') assert.ok(result.message?.trim(), `${context}: control characters were removed without a word in the result`);
              return;
            }
            assert.equal(r.ok, false, `${context}: accepted, answering ${show(r.ok && r.value)}`);
            if (!r.ok)
              assert.ok(
                c.expect.codes.includes(r.error.code),
                `${context}: answered ${r.error.code} (${r.error.message}), expected ${c.expect.codes.join(' or ')}`,
              );
            assert.ok(after === before, `${context}: the refused call changed the project (${dumpDifference(before, after)})`);
          }),
        ),
        settings(),
      );
    });
  }

  test('names that are not methods are refused as UNKNOWN_METHOD', () => {
    bench.reset();
    const notMethods = fc
      .oneof(
        fc.constantFrom<unknown>(
          '__proto__',
          'constructor',
          'toString',
          'hasOwnProperty',
          'valueOf',
          '',
          ' articles.list',
          'articles.list ',
          'Articles.list',
          'articles.List',
          'articles',
          'articles.',
          '.list',
          'articles..list',
          'articles.list\u0000',
        ),
        fc.string({ maxLength: 40 }),
        fc.anything(),
      )
      .filter((name) => !(typeof name === 'string' && (methods as readonly string[]).includes(name)));
    fc.assert(
      fc.property(notMethods, fc.jsonValue(), (name, input) => {
        const before = dumpProject(bench.project.db);
        const r = call(name, input);
        const context = `method ${show(name)}`;
        checkEnvelope(r, context);
        assert.ok(!r.ok && r.error.code === 'UNKNOWN_METHOD', `${context}: answered ${show(r)}`);
        assert.ok(dumpProject(bench.project.db) === before, `${context}: changed the project`);
      }),
      settings(),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// 2. Valid input: the answer fits the contract, the file stays sound, refusals are expected ones

/**
 * Some methods only have something to work on after other calls: undo needs deleted annotations, unignore
 * ignored names, split an entity with several names. These calls make sure there is some; true when
 * they changed the project.
 */
const PREPARE: Partial<Record<Method, () => boolean>> = {
  'annotations.restore': () => {
    const db = bench.project.db;
    const hasTrash = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'deleted_annotations'").get() !== undefined;
    const kept = hasTrash ? (db.prepare('SELECT count(*) FROM deleted_annotations').pluck().get() as number) : bench.deleted.size;
    if (kept >= 3) return false;
    const live = db.prepare('SELECT id FROM annotations ORDER BY id DESC LIMIT 1').pluck().get() as number | undefined;
    return live !== undefined && call('annotations.delete', { id: live }).ok;
  },
  'entities.unignore': () => {
    if (bench.world().ignoredNames().length >= 2) return false;
    const entity = bench.project.db.prepare('SELECT id FROM entities ORDER BY id DESC LIMIT 1').pluck().get() as number | undefined;
    return entity !== undefined && call('entities.ignore', { id: entity }).ok;
  },
  'entities.split': () => {
    const db = bench.project.db;
    const several = db.prepare('SELECT count(*) FROM (SELECT entity_id FROM entity_aliases GROUP BY entity_id HAVING count(*) > 1)').pluck().get() as number;
    if (several >= 3) return false;
    const [target, source] = db.prepare('SELECT id FROM entities ORDER BY id DESC LIMIT 2').pluck().all() as number[];
    return target !== undefined && source !== undefined && call('entities.merge', { targetId: target, sourceIds: [source] }).ok;
  },
};

describe('valid input: an answer that fits the contract, a sound file, and never an unexpected problem', () => {
  for (const method of methods) {
    test(method, () => {
      bench.reset();
      const spec = contract[method] as { effect?: 'read' | 'write'; input: (typeof contract)[Method]['input']; output: (typeof contract)[Method]['output'] };
      // The dump of the project as the last call left it; null when that call changed it.
      let current: string | null = null;
      let project = bench.project;
      fc.assert(
        fc.property(
          validPlan(method),
          oneCase((plan) => {
            bench.keepSmall();
            if (PREPARE[method]?.()) current = null;
            if (bench.project !== project) [project, current] = [bench.project, null];
            const db = project.db;
            const input = resolvePlan(plan, bench.world());
            fc.pre(spec.input.safeParse(input ?? {}).success);
            const context = describeCall(method, input);
            const before = current ?? dumpProject(db);
            const r = call(method, input);
            checkEnvelope(r, context);
            assert.equal(db.inTransaction, false, `${context}: the connection was left inside a transaction`);
            assertNoPollution(context);
            if (r.ok) {
              const output = spec.output.safeParse(r.value);
              assert.ok(output.success, `${context}: the answer does not fit the output schema: ${output.success ? '' : output.error.message}`);
              if (spec.effect === 'read') {
                const after = (current = dumpProject(db));
                assert.ok(after === before, `${context}: a method that only reads changed the project (${dumpDifference(before, after)})`);
              } else {
                current = null;
                assert.deepEqual(storageProblems(db), [], `${context}: the project file is not sound afterwards`);
                assert.deepEqual(storedTextProblems(db), [], `${context}: a text was stored that other programs cannot read as sent`);
              }
            } else {
              assert.notEqual(r.error.code, 'INTERNAL', `${context}: an accepted input hit an unexpected problem: ${r.error.message}`);
              const after = (current = dumpProject(db));
              assert.ok(
                after === before,
                `${context}: the refused call (${r.error.code}: ${r.error.message}) changed the project (${dumpDifference(before, after)})`,
              );
            }
          }),
        ),
        settings(),
      );
    });
  }

  test('every contract method says whether it reads or writes', () => {
    for (const method of methods) {
      const effect = (contract[method] as { effect?: unknown }).effect;
      assert.ok(effect === 'read' || effect === 'write', `${method} has effect ${show(effect)}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// 2b. A project that cannot be changed: every write refused with its own code, every read answered

for (const [label, name, options, lock, code] of [
  ['a project open read-only refuses every change with READ_ONLY and still answers every read', 'read-only', { readOnly: true }, false, 'READ_ONLY'],
  ['a project whose write lock another program holds answers BUSY to every change and still answers every read', 'locked', { busyTimeoutMs: 1 }, true, 'BUSY'],
] as const) {
  describe(label, () => {
    let copy: ReturnType<FuzzProject['openCopy']>;
    before(() => {
      copy = bench.openCopy(name, options, lock);
    });
    after(() => copy.close());
    for (const method of methods) {
      test(method, async () => {
        const { project } = copy;
        const world = projectWorld(project, new Set(bench.seed.deletedAnnotations));
        const spec = contract[method] as { effect?: 'read' | 'write'; input: (typeof contract)[Method]['input'] };
        const unchanged = dumpProject(project.db);
        await fc.assert(
          fc.asyncProperty(validPlan(method), async (plan) => {
            const input = resolvePlan(plan, world);
            fc.pre(spec.input.safeParse(input ?? {}).success);
            const context = describeCall(method, input);
            // The web host's path: asynchronous methods answer only there.
            const r = await project.dispatchAsync(method, input);
            checkEnvelope(r, context);
            if (spec.effect === 'write') assert.ok(!r.ok && r.error.code === code, `${context}: a change answered ${show(r)}, not ${code}`);
            else if (!r.ok) assert.ok(r.error.code !== 'INTERNAL' && r.error.code !== code, `${context}: a read answered ${r.error.code}: ${r.error.message}`);
            assert.equal(project.db.inTransaction, false, `${context}: the connection was left inside a transaction`);
            const now = dumpProject(project.db);
            assert.ok(now === unchanged, `${context}: the project changed (${dumpDifference(unchanged, now)})`);
          }),
          settings(Math.max(5, Math.ceil(FUZZ_RUNS / 3))),
        );
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// 3. Offsets cut exactly their quote, whatever was done before

/** Every article's annotations list, as the reader asks for it, and what the file holds. */
function listProblems(context: string): string[] {
  const db = bench.project.db;
  const problems: string[] = [];
  for (const articleId of db.prepare('SELECT id FROM articles ORDER BY id').pluck().all() as number[]) {
    const r = bench.project.dispatch('annotations.list', { articleId });
    if (!r.ok) {
      problems.push(`annotations.list for article ${articleId} failed: ${r.error.code} ${r.error.message}`);
      continue;
    }
    const listed = (r.value as { annotations: Annotation[] }).annotations.map((a) => a.id).sort((a, b) => a - b);
    const stored = db.prepare('SELECT id FROM annotations WHERE article_id = ? ORDER BY id').pluck().all(articleId) as number[];
    if (show(listed) !== show(stored)) problems.push(`annotations.list for article ${articleId} gave ${show(listed)}, the file holds ${show(stored)}`);
  }
  return problems.map((p) => `${context}: ${p}`);
}

test('after any sequence of calls, every annotation cuts exactly its quote and every article lists its annotations', () => {
  fc.assert(
    fc.property(fc.array(anyCall(), { minLength: 1, maxLength: 25 }), (calls: AnyCall[]) => {
      bench.reset();
      const transcript: string[] = [];
      for (const c of calls) {
        const input = resolvePlan(c.plan, bench.world());
        const accepted = contract[c.method].input.safeParse(input ?? {}).success;
        const r = call(c.method, input);
        transcript.push(`${describeCall(c.method, input)} → ${r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`}`);
        checkEnvelope(r, transcript.at(-1)!);
        if (accepted && !r.ok) assert.notEqual(r.error.code, 'INTERNAL', `an accepted call hit an unexpected problem after:\n${transcript.join('\n')}`);
      }
      const db = bench.project.db;
      const problems = [...passageProblems(db), ...storageProblems(db), ...storedTextProblems(db), ...listProblems('afterwards')];
      assert.deepEqual(problems, [], `after these calls:\n${transcript.join('\n')}`);
    }),
    settings(),
  );
});

// ---------------------------------------------------------------------------------------------------
// 4. Creating, deleting, undoing, editing and deleting tags: lists and CSV exports stay well-formed

type Model = { deleted: Map<number, Annotation> };
type Real = { transcript: string[] };

const FORMULA_START = /^[=+\-@]/;

type CsvOptions = { tagIds?: number[]; articleIds?: number[]; bom?: boolean; raw?: boolean };

/** Reads a CSV answer back as a spreadsheet or R would: whole rows, no control characters, no formulas. */
function csvShapeProblems(value: { csv: string; rows?: number }, options: CsvOptions): { problems: string[]; records: string[][] } {
  const problems: string[] = [];
  const { csv } = value;
  if (options.bom && !csv.startsWith('\uFEFF')) problems.push('bom was asked for but the file does not start with one');
  if (!options.bom && csv.startsWith('\uFEFF')) problems.push('the file starts with a byte-order mark nobody asked for');
  let records: string[][];
  try {
    records = parse(csv, { bom: true, relax_column_count: true }) as string[][];
  } catch (error) {
    return { problems: [...problems, `csv-parse cannot read it: ${(error as Error).message}`], records: [] };
  }
  const header = records[0];
  if (!header || header.length === 0) return { problems: [...problems, 'it has no header'], records };
  if (value.rows !== undefined && records.length - 1 !== value.rows) problems.push(`it says ${value.rows} rows but holds ${records.length - 1}`);
  records.forEach((record, i) => {
    if (record.length !== header.length) problems.push(`row ${i} has ${record.length} cells, the header ${header.length}`);
    record.forEach((cell, j) => {
      if (C0_CONTROL.test(cell)) problems.push(`row ${i}, ${header[j]}: a control character in ${show(cell)}`);
      if (!options.raw && FORMULA_START.test(cell)) problems.push(`row ${i}, ${header[j]}: ${show(cell)} would run as a formula`);
    });
  });
  return { problems, records };
}

/** The tagged export, read back and held to what the project stores: quotes, code-point offsets, row counts. */
function csvProblems(value: { csv: string; rows: number }, options: CsvOptions): string[] {
  const db = bench.project.db;
  const { problems, records } = csvShapeProblems(value, options);
  const header = records[0];
  if (!header) return problems;
  const [idAt, startAt, endAt, quoteAt] = ['annotation_id', 'start', 'end', 'quote'].map((name) => header.indexOf(name)) as [number, number, number, number];
  if (![idAt, startAt, endAt, quoteAt].includes(-1)) {
    records.slice(1).forEach((record, k) => {
      const i = k + 1;
      const stored = db
        .prepare('SELECT a.quote, ar.text FROM annotations a JOIN articles ar ON ar.id = a.article_id WHERE a.id = ?')
        .get(Number(record[idAt])) as { quote: string; text: string } | undefined;
      if (!stored) {
        problems.push(`row ${i}: annotation ${record[idAt]} is not in the project`);
        return;
      }
      const cell = record[quoteAt]!;
      if (!(cell === stored.quote || (!options.raw && cell === `'${stored.quote}`)))
        problems.push(`row ${i}: quote ${show(cell)} but the project holds ${show(stored.quote)}`);
      const cut = Array.from(stored.text).slice(Number(record[startAt]), Number(record[endAt])).join('');
      if (cut !== stored.quote)
        problems.push(`row ${i}: code points ${record[startAt]}–${record[endAt]} cut ${show(cut)}, not the quote ${show(stored.quote)}`);
    });
  }
  const filtered = Object.entries(options).some(([key, v]) => key !== 'bom' && key !== 'raw' && v !== undefined && !(Array.isArray(v) && v.length === 0));
  if (!filtered) {
    const all = db.prepare('SELECT count(*) FROM annotations').pluck().get() as number;
    if (value.rows !== all) problems.push(`an export of everything has ${value.rows} rows, the project ${all} annotations`);
  }
  return problems;
}

class ApiCommand implements fc.Command<Model, Real> {
  constructor(
    readonly method: Method,
    readonly plan: unknown,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    const db = bench.project.db;
    const input = resolvePlan(this.plan, bench.world()) as Record<string, unknown>;
    const accepted = contract[this.method].input.safeParse(input ?? {}).success;
    const restoring = this.method === 'annotations.restore' ? (input.id as number) : null;
    const taken = restoring !== null && db.prepare('SELECT 1 FROM annotations WHERE id = ?').get(restoring) !== undefined;
    const r = call(this.method, input);
    real.transcript.push(`${describeCall(this.method, input)} → ${r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`}`);
    const context = `after:\n${real.transcript.join('\n')}\n`;
    checkEnvelope(r, context);
    if (accepted && !r.ok) assert.notEqual(r.error.code, 'INTERNAL', `${context}an accepted call hit an unexpected problem`);
    if (r.ok && this.method === 'annotations.delete') {
      const { deleted } = r.value as { deleted: Annotation };
      model.deleted.set(deleted.id, deleted);
    }
    if (r.ok && restoring !== null) {
      const restored = r.value as Annotation;
      const kept = model.deleted.get(restoring);
      assert.ok(kept, `${context}annotation ${restoring} was restored, but the project never deleted it (or restored it already)`);
      const { id: keptId, ...keptFields } = kept;
      const { id: restoredId, ...restoredFields } = restored;
      assert.deepEqual(restoredFields, keptFields, `${context}the restored annotation is not the one deleted`);
      if (!taken) assert.equal(restoredId, keptId, `${context}the restored annotation did not keep its id, which was free`);
      model.deleted.delete(restoring);
    }
    if (r.ok && this.method === 'export.csv') {
      assert.deepEqual(csvProblems(r.value as { csv: string; rows: number }, input), [], `${context}the export of ${show(input)} is not well-formed`);
    }
    assert.deepEqual(listProblems('afterwards'), [], context);
  }
  toString(): string {
    return `${this.method} ${show(this.plan)}`;
  }
}

const command = (method: Method, plan: fc.Arbitrary<unknown>) => plan.map((p) => new ApiCommand(method, p));

const editingCommands = [
  command('annotations.create', validPlan('annotations.create')),
  command('annotations.create', validPlan('annotations.create')),
  command('annotations.create', validPlan('annotations.create')),
  command('annotations.delete', fc.record({ id: existingRef('annotation') })),
  command('annotations.delete', fc.record({ id: existingRef('annotation') })),
  command('annotations.restore', fc.record({ id: existingRef('deletedAnnotation') })),
  command('annotations.restore', fc.record({ id: existingRef('deletedAnnotation') })),
  command('annotations.restore', fc.record({ id: ref('annotation') })),
  command('annotations.update', validPlan('annotations.update')),
  command('tags.delete', fc.record({ id: existingRef('tag') })),
  command('tags.create', validPlan('tags.create')),
  command('tags.update', validPlan('tags.update')),
  command('articles.update', validPlan('articles.update')),
  command('articles.importText', validPlan('articles.importText')),
  command('articles.delete', fc.record({ id: existingRef('article') })),
  command('mentions.add', validPlan('mentions.add')),
  command('entities.rename', validPlan('entities.rename')),
  command('export.csv', validPlan('export.csv')),
  command('export.csv', validPlan('export.csv')),
];

test('creating, deleting, undoing, editing and deleting tags: every list succeeds and every CSV export reads back whole', () => {
  fc.assert(
    fc.property(fc.commands(editingCommands, { maxCommands: 25 }), (commands) => {
      bench.reset();
      const model: Model = { deleted: new Map(bench.seed.deletedSnapshots.map((a) => [a.id, a])) };
      const real: Real = { transcript: [] };
      fc.modelRun(() => ({ model, real }), commands);
      for (const options of [{}, { raw: true }, { bom: true }]) {
        const r = call('export.csv', options);
        assert.ok(r.ok, `the export of ${show(options)} failed after:\n${real.transcript.join('\n')}\n${show(r)}`);
        assert.deepEqual(
          csvProblems(r.value as { csv: string; rows: number }, options),
          [],
          `the export of ${show(options)} after:\n${real.transcript.join('\n')}`,
        );
      }
      assert.deepEqual([...passageProblems(bench.project.db), ...storedTextProblems(bench.project.db)], [], `after:\n${real.transcript.join('\n')}`);
    }),
    settings(),
  );
});
