// Generators of API calls for the property tests, valid and invalid, for every method of the contract.
//
// A generated call is a plan: plain data in which references to project rows are symbolic
// ({ $ref: 'article', pick: 3 }) and are resolved against the project when the call is made, so that
// generated ids hit real rows however the project has changed. Methods that matter most have their own
// generators; every other method (and every method added later) gets one from walking its zod schema.
import fc from 'fast-check';
import { contract, methods, type ErrorCode, type Method } from '../../../main/api/contract.ts';

// ---------------------------------------------------------------------------------------------------
// The project as the generators see it

export type RefKind = 'article' | 'tag' | 'annotation' | 'deletedAnnotation' | 'entity' | 'mention' | 'variable';

export interface World {
  ids(kind: RefKind): number[];
  text(articleId: number): string | undefined;
  aliases(entityId: number): string[];
  ignoredNames(): string[];
  tagNames(): string[];
  entityNames(): string[];
  articleTexts(): string[];
  sources(): string[];
}

type MissingKind = 'next' | 'int32' | 'max' | 'huge';
export type RefPlan = { $ref: RefKind; pick: number; missing?: MissingKind };
type PickKind = 'alias' | 'ignored' | 'tagName' | 'entityName' | 'articleText' | 'source';
type PickPlan = { $pick: PickKind; pick: number; of?: string; vary?: 'upper' | 'lower' | 'pad' | 'same' };
type BulkPlan = { $bulk: number; of: unknown };
export type SpanMode = 'inside' | 'aligned' | 'whole' | 'astral' | 'outside' | 'empty' | 'reversed';
type SpanPlan = { a: number; b: number; mode: SpanMode };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolveRef(plan: RefPlan, world: World): number {
  const ids = world.ids(plan.$ref);
  if (plan.missing || ids.length === 0) {
    switch (plan.missing ?? 'next') {
      case 'next': {
        // Past every id of the kind; annotations and deleted annotations share one run of ids.
        const related = plan.$ref === 'annotation' || plan.$ref === 'deletedAnnotation' ? [...world.ids('annotation'), ...world.ids('deletedAnnotation')] : ids;
        return related.reduce((a, b) => Math.max(a, b), 0) + 1000 + (plan.pick % 7);
      }
      case 'int32':
        return 2 ** 31 - 1;
      case 'max':
        return Number.MAX_SAFE_INTEGER;
      case 'huge':
        return 2 ** 40 + plan.pick;
    }
  }
  return ids[plan.pick % ids.length]!;
}

function resolvePick(plan: PickPlan, world: World, siblings: Record<string, unknown>): string {
  let names: string[];
  switch (plan.$pick) {
    case 'alias': {
      const owner = siblings[plan.of ?? 'id'];
      names = typeof owner === 'number' ? world.aliases(owner) : [];
      break;
    }
    case 'ignored':
      names = world.ignoredNames();
      break;
    case 'tagName':
      names = world.tagNames();
      break;
    case 'entityName':
      names = world.entityNames();
      break;
    case 'articleText':
      names = world.articleTexts();
      break;
    case 'source':
      names = world.sources();
      break;
  }
  const name = names.length ? names[plan.pick % names.length]! : 'Ingen sådan “namn”';
  switch (plan.vary) {
    case 'upper':
      return name.toUpperCase();
    case 'lower':
      return name.toLowerCase();
    case 'pad':
      return `  ${name}\t`;
    default:
      return name;
  }
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Start and end for a span of the given kind in an article's text (UTF-16 offsets, end exclusive). */
export function spanIn(text: string | undefined, plan: SpanPlan): { start: number; end: number } {
  const len = text === undefined ? 40 : Math.max(text.length, 1);
  const { a, b } = plan;
  const inside = () => {
    const start = a % len;
    return { start, end: start + 1 + (b % (len - start)) };
  };
  switch (plan.mode) {
    case 'inside':
      return inside();
    case 'aligned': {
      if (text === undefined) return inside();
      const bounds: number[] = [];
      for (let i = 0; i <= text.length; i++) {
        if (!(i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i)))) bounds.push(i);
      }
      const from = a % (bounds.length - 1);
      const to = from + 1 + (b % (bounds.length - 1 - from));
      return { start: bounds[from]!, end: bounds[to]! };
    }
    case 'whole':
      return { start: 0, end: len };
    case 'astral': {
      const at: number[] = [];
      if (text !== undefined) for (let i = 0; i + 1 < text.length; i++) if (isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1))) at.push(i);
      if (at.length === 0) return inside();
      const p = at[a % at.length]!;
      const variants = [
        { start: p, end: p + 2 },
        { start: p, end: p + 1 },
        { start: p + 1, end: p + 2 },
        { start: Math.max(0, p - 3), end: p + 1 },
        { start: p + 1, end: Math.min(len, p + 6) },
      ];
      return variants[b % variants.length]!;
    }
    case 'outside': {
      const variants = [
        { start: len, end: len + 1 },
        { start: Math.max(0, len - 1), end: len + 1 + (a % 5) },
        { start: a % len, end: len + 1 + b },
        { start: len + (a % 1000), end: len + (a % 1000) + 1 + (b % 1000) },
      ];
      return variants[(a + b) % variants.length]!;
    }
    case 'empty': {
      const start = a % (len + 1);
      return { start, end: start };
    }
    case 'reversed': {
      const start = 1 + (a % len);
      return { start, end: b % start };
    }
  }
}

/** Turns a plan into the input a client would send, looking up the ids and names it points at. */
export function resolvePlan(plan: unknown, world: World): unknown {
  if (Array.isArray(plan)) return plan.map((p) => resolvePlan(p, world));
  if (!isRecord(plan)) return plan;
  if ('$ref' in plan) return resolveRef(plan as RefPlan, world);
  if ('$bulk' in plan) {
    const bulk = plan as BulkPlan;
    if (isRecord(bulk.of) && '$ref' in bulk.of) return Array.from({ length: bulk.$bulk }, (_, i) => i + 1);
    const one = resolvePlan(bulk.of, world);
    return Array.from({ length: bulk.$bulk }, () => one);
  }
  if ('$pick' in plan && !('of' in plan)) return resolvePick(plan as PickPlan, world, {});
  const out: Record<string, unknown> = {};
  const deferred: [string, PickPlan][] = [];
  for (const [key, value] of Object.entries(plan)) {
    if (key === '$span' || key === '$extraKeys') continue;
    if (isRecord(value) && '$pick' in value && 'of' in value) deferred.push([key, value as PickPlan]);
    else out[key] = resolvePlan(value, world);
  }
  for (const [key, pick] of deferred) out[key] = resolvePick(pick, world, out);
  if (isRecord(plan.$span)) {
    const articleId = out.articleId;
    const { start, end } = spanIn(typeof articleId === 'number' ? world.text(articleId) : undefined, plan.$span as SpanPlan);
    out.start = start;
    out.end = end;
  }
  if (Array.isArray(plan.$extraKeys)) {
    for (const [key, value] of plan.$extraKeys as [string, unknown][]) {
      Object.defineProperty(out, key, { value: resolvePlan(value, world), enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Text

/** The pieces generated text is made of: what analysts paste, and what breaks offsets, CSV and search. */
const PIECES = [
  'å',
  'ä',
  'ö',
  'Å',
  'Ä',
  'Ö',
  'é',
  'e\u0301',
  'ß',
  'ﬁ',
  'ı',
  'İ',
  '“',
  '”',
  '‘',
  '’',
  '„',
  '«',
  '»',
  '"',
  "'",
  '`',
  ',',
  ';',
  '.',
  '…',
  '—',
  ' ',
  '  ',
  '\u00a0',
  '\u200b',
  '\u202e',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '😀',
  '🇸🇪',
  '👩‍👩‍👧',
  '𝔸',
  '🍺',
  '=',
  '+',
  '-',
  '@',
  '=1+1',
  '=HYPERLINK("x")',
  '+46',
  '-2',
  '@SUM(A1)',
  '*',
  '^',
  ':',
  '(',
  ')',
  '%',
  '_',
  '\\',
  '/',
  '<b>',
  '&amp;',
  '{',
  '}',
  '[',
  ']',
  '#',
  'NEAR',
  'AND',
  'OR',
  'NOT',
  'SELECT',
  "'; DROP TABLE articles; --",
  'NULL',
  'null',
  'undefined',
  '0',
  '-0',
  '1e3',
  'Astana',
  'Sverige',
  'Stockholm',
  'Presidenten',
  'trolling',
  'Zürich',
  'Sthlm',
  'Malmö',
  'minister',
];
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
/** A lone half of a surrogate pair: not a character, but a string JavaScript can hold and clients can send. */
const LONE_SURROGATES = ['\ud83d', '\ude00'];

const piece = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...LETTERS) },
  { weight: 2, arbitrary: fc.constant(' ') },
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
);

/** Cuts to at most `max` code units without leaving half of an emoji at the end. */
const cut = (s: string, max: number) => {
  if (s.length <= max) return s;
  const high = s.charCodeAt(max - 1);
  return s.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
};

/** Text of min..max UTF-16 code units (short, mostly), free of control characters other than tab, LF and CR. */
export function textArb(min = 0, max = 200): fc.Arbitrary<string> {
  const fit = (s: string) => cut(s, max);
  const typical = fc.string({ unit: piece, minLength: Math.min(min, 24), maxLength: Math.max(Math.min(max, 24), Math.min(min, 24)) }).map(fit);
  const options: fc.WeightedArbitrary<string>[] = [{ weight: 12, arbitrary: typical }];
  if (max <= 25_000) {
    options.push({ weight: 1, arbitrary: fc.constantFrom('x', 'ö', 'é').map((c) => c.repeat(max)) });
  }
  if (min > 0) options.push({ weight: 1, arbitrary: fc.constant('y'.repeat(min)) });
  return fc.oneof(...options);
}

/** Text with at least one letter, as an article or a name needs. */
const wordy = (min: number, max: number) => textArb(min, max).map((s) => (/[\p{L}\p{N}]/u.test(s) ? s : cut(`Ord${s}`, Math.max(max, 3))));

/** A control character that is not tab, LF or CR. */
export const controlCharacter = fc
  .integer({ min: 0, max: 0x1f })
  .filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d)
  .map((c) => String.fromCharCode(c));

/** What no text field takes: a control character other than tab, LF and CR, or half of a character. */
export const unsafeCharacter = fc.oneof({ weight: 3, arbitrary: controlCharacter }, { weight: 1, arbitrary: fc.constantFrom(...LONE_SURROGATES) });

const date = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('2024-03-01', '2023-12-31', '0000-00-00', '9999-99-99', '2024-02-30'),
);

// ---------------------------------------------------------------------------------------------------
// References

const ID_KEYS: Record<string, RefKind> = {
  articleId: 'article',
  articleIds: 'article',
  tagId: 'tag',
  tagIds: 'tag',
  parentId: 'tag',
  entityId: 'entity',
  entityIds: 'entity',
  targetId: 'entity',
  sourceIds: 'entity',
  mentionId: 'mention',
  annotationId: 'annotation',
  variableId: 'variable',
  variable: 'variable',
};
const ID_BY_PREFIX: Record<string, RefKind> = {
  articles: 'article',
  tags: 'tag',
  annotations: 'annotation',
  entities: 'entity',
  mentions: 'mention',
  variables: 'variable',
};

/** Which rows a numeric field points at, from its name (and, for `id`, from the method's group). */
export function refKindFor(method: string, key: string | undefined): RefKind | null {
  if (key === undefined) return null;
  if (key === 'id') {
    if (method === 'annotations.restore') return 'deletedAnnotation';
    return ID_BY_PREFIX[method.split('.')[0]!] ?? null;
  }
  return ID_KEYS[key] ?? null;
}

const missingKind = fc.constantFrom<MissingKind>('next', 'next', 'int32', 'max', 'huge');
export const existingRef = (kind: RefKind): fc.Arbitrary<RefPlan> => fc.record({ $ref: fc.constant(kind), pick: fc.nat(1000) });
export const missingRef = (kind: RefKind): fc.Arbitrary<RefPlan> => fc.record({ $ref: fc.constant(kind), pick: fc.nat(1000), missing: missingKind });
/** A reference that mostly hits a row and sometimes points at one that does not exist. */
export const ref = (kind: RefKind): fc.Arbitrary<RefPlan> => fc.oneof({ weight: 9, arbitrary: existingRef(kind) }, { weight: 1, arbitrary: missingRef(kind) });

const pick = (kind: PickKind, extra: Partial<PickPlan> = {}) =>
  fc
    .record({ $pick: fc.constant(kind), pick: fc.nat(1000), vary: fc.constantFrom<PickPlan['vary']>('same', 'same', 'upper', 'lower', 'pad') })
    .map((p) => ({ ...p, ...extra }));

// ---------------------------------------------------------------------------------------------------
// Walking zod schemas (zod 4's internal definitions)

type ZodLike = { _zod: { def: Record<string, unknown> & { type: string } } };
type CheckDef = { check: string; [k: string]: unknown };

const defOf = (schema: unknown) => (schema as ZodLike)._zod.def;
const checksOf = (schema: unknown): CheckDef[] => ((defOf(schema).checks as { _zod: { def: CheckDef } }[] | undefined) ?? []).map((c) => c._zod.def);
const shapeOf = (schema: unknown) => defOf(schema).shape as Record<string, unknown>;
const isOptional = (schema: unknown) => {
  const type = defOf(schema).type;
  return type === 'optional' || type === 'default' || type === 'prefault';
};
const unwrap = (schema: unknown) => defOf(schema).innerType as unknown;
const isStrict = (schema: unknown) => {
  const catchall = defOf(schema).catchall;
  return catchall !== undefined && defOf(catchall).type === 'never';
};

function lengthBounds(schema: unknown): { min: number; max: number | undefined; trims: boolean } {
  let min = 0;
  let max: number | undefined;
  let trims = false;
  for (const c of checksOf(schema)) {
    if (c.check === 'min_length') min = Math.max(min, c.minimum as number);
    if (c.check === 'max_length') max = Math.min(max ?? Infinity, c.maximum as number);
    if (c.check === 'length_equals') min = max = c.length as number;
    if (c.check === 'overwrite') trims = true;
  }
  return { min, max, trims };
}

function numberBounds(schema: unknown): { min: number; max: number; int: boolean } {
  let min = -Number.MAX_VALUE;
  let max = Number.MAX_VALUE;
  let int = false;
  for (const c of checksOf(schema)) {
    if (c.check === 'number_format' && /int/.test(String(c.format))) {
      int = true;
      min = Math.max(min, Number.MIN_SAFE_INTEGER);
      max = Math.min(max, Number.MAX_SAFE_INTEGER);
    }
    if (c.check === 'greater_than') min = Math.max(min, (c.value as number) + (c.inclusive ? 0 : int ? 1 : Number.EPSILON));
    if (c.check === 'less_than') max = Math.min(max, (c.value as number) - (c.inclusive ? 0 : int ? 1 : Number.EPSILON));
  }
  if (int) {
    min = Math.ceil(min);
    max = Math.floor(max);
  }
  return { min, max, int };
}

const patternOf = (schema: unknown): RegExp | undefined =>
  checksOf(schema).find((c) => c.check === 'string_format' && c.pattern instanceof RegExp)?.pattern as RegExp | undefined;

function intBetween(min: number, max: number): fc.Arbitrary<number> {
  const lo = Math.max(min, -(2 ** 31));
  const hi = Math.min(max, 2 ** 31 - 1);
  const edges = [...new Set([min, max, lo, hi].filter((n) => Number.isSafeInteger(n) && n >= min && n <= max))];
  return fc.oneof({ weight: 6, arbitrary: fc.integer({ min: lo, max: hi }) }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

type Ctx = { method: string; key?: string };

// Building fc.stringMatching takes far longer than drawing from it: one per pattern.
const matchers = new Map<string, fc.Arbitrary<string>>();
function matching(pattern: RegExp): fc.Arbitrary<string> {
  const key = `${pattern.source}/${pattern.flags}`;
  let arb = matchers.get(key);
  if (!arb) matchers.set(key, (arb = fc.stringMatching(pattern)));
  return arb;
}

/** Keys whose values other tools treat specially, and that extra keys are named after. */
const EXTRA_KEYS = ['__proto__', 'constructor', 'toString', 'extra', 'id', ''];

/** A valid value (a plan) for a schema, as far as the schema alone can tell. */
export function validFor(schema: unknown, ctx: Ctx): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      const pattern = patternOf(schema);
      const { min, max, trims } = lengthBounds(schema);
      if (pattern) return matching(pattern).filter((s) => s.length >= min && (max === undefined || s.length <= max));
      if (ctx.key === 'url') return fc.oneof(fc.webUrl(), textArb(min, Math.min(max ?? 2000, 2000)));
      if (ctx.key === 'source' || ctx.key === 'sources') return fc.oneof(pick('source', { vary: 'same' }), textArb(min, max ?? 300));
      const text = trims || min > 0 ? wordy(Math.max(min, 1), max ?? 300) : textArb(min, max ?? 300);
      return text;
    }
    case 'number': {
      const kind = refKindFor(ctx.method, ctx.key);
      if (kind) return ref(kind);
      const { min, max, int } = numberBounds(schema);
      return int ? intBetween(min, max) : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(validFor(unwrap(schema), ctx), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(validFor(unwrap(schema), ctx), { nil: null, freq: 4 });
    case 'pipe': {
      const out = def.out as unknown;
      return defOf(out).type === 'transform' ? validFor(def.in, ctx) : validFor(out, ctx);
    }
    case 'array': {
      const element = def.element as unknown;
      const { min, max } = lengthBounds(schema);
      const one = validFor(element, ctx);
      const few = fc.array(one, { minLength: min, maxLength: Math.max(min, Math.min(max ?? 6, 6)) });
      if (max !== undefined) {
        if (max > 50) return few;
        return fc.oneof({ weight: 8, arbitrary: few }, { weight: 1, arbitrary: fc.array(one, { minLength: max, maxLength: max }) });
      }
      // No upper bound: now and then a list longer than SQLite takes as query parameters.
      return fc.oneof({ weight: 60, arbitrary: few }, { weight: 1, arbitrary: one.map((of) => ({ $bulk: 33_000, of }) satisfies BulkPlan) });
    }
    case 'object':
      return objectValid(schema, ctx.method, {});
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((o) => validFor(o, ctx)));
    case 'record':
      return fc.dictionary(validFor(def.keyType, { method: ctx.method }) as fc.Arbitrary<string>, validFor(def.valueType, ctx), { maxKeys: 4 });
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map((item) => validFor(item, ctx)));
    case 'null':
      return fc.constant(null);
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return validFor(def.innerType, ctx);
    case 'lazy':
      return validFor((def.getter as () => unknown)(), ctx);
    case 'unknown':
    case 'any':
      return fc.jsonValue();
    default:
      throw new Error(
        `The API property tests do not know how to generate a zod ${def.type} (${ctx.method}${ctx.key ? `.${ctx.key}` : ''}); teach validFor in test/unit/support/api-arbitraries.ts.`,
      );
  }
}

function objectValid(schema: unknown, method: string, overrides: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const shape = shapeOf(schema);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const inner = isOptional(field) ? unwrap(field) : field;
    model[key] = overrides[key] ?? validFor(inner, { method, key });
    if (!isOptional(field)) required.push(key);
  }
  const record = fc.record(model, { requiredKeys: required });
  if (isStrict(schema)) return record;
  // Keys the schema does not know are dropped by it, so they are valid input too.
  const extra = fc.array(fc.tuple(fc.constantFrom(...EXTRA_KEYS.filter((k) => !(k in shape))), fc.oneof(fc.jsonValue(), fc.constant({ polluted: true }))), {
    maxLength: 2,
  });
  return fc
    .tuple(record, fc.oneof({ weight: 6, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extra }))
    .map(([r, keys]) => (keys.length ? { ...(r as object), $extraKeys: keys } : r));
}

// ---------------------------------------------------------------------------------------------------
// Hand-written generators for the methods that matter most

const noteArb = fc.oneof({ weight: 6, arbitrary: textArb(0, 60) }, { weight: 1, arbitrary: textArb(0, 20000) });
const analystName = wordy(1, 100);
const entityType = fc.constantFrom('PER', 'LOC', 'ORG', 'MISC');
const tagNameArb = fc.oneof(
  { weight: 6, arbitrary: wordy(1, 200) },
  { weight: 2, arbitrary: pick('tagName') },
  { weight: 1, arbitrary: fc.constantFrom('=SUM(A1)', '+Tag', '-Tag', '@Tag', ' > ', 'a > b', '“Citat”', 'Konflikt', 'KONFLIKT', 'Hot') },
);
const entityNameArb = fc.oneof({ weight: 5, arbitrary: wordy(1, 300) }, { weight: 2, arbitrary: pick('entityName') });
const validSpanModes = fc.constantFrom<SpanMode>('inside', 'aligned', 'aligned', 'aligned', 'whole', 'astral', 'outside');
const span = (modes: fc.Arbitrary<SpanMode>) => fc.record({ a: fc.nat(100_000), b: fc.nat(100_000), mode: modes });

const articleText = fc.oneof(
  { weight: 8, arbitrary: wordy(1, 400) },
  { weight: 2, arbitrary: pick('articleText', { vary: 'same' }) },
  { weight: 1, arbitrary: fc.array(wordy(20, 120), { minLength: 20, maxLength: 60 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: wordy(1, 200).map((s) => s.replaceAll('\n', '\r\n')) },
  { weight: 1, arbitrary: fc.constantFrom('   ', '\n\n', '\t') },
);

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fileData = fc.oneof(
  { weight: 6, arbitrary: articleText.filter((t): t is string => typeof t === 'string').map((t) => toBase64(Buffer.from(t, 'utf8'))) },
  { weight: 1, arbitrary: wordy(1, 200).map((t) => toBase64(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]))) },
  { weight: 1, arbitrary: wordy(1, 200).map((t) => toBase64(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]))) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map(toBase64) },
  { weight: 1, arbitrary: fc.constantFrom('', 'not base64!', '====', 'AA=A') },
);
const fileName = fc.oneof(
  fc.constantFrom('artikel.txt', 'Ärende “ett”.md', 'notes.markdown', 'x', 'a.b.c.TXT', '=cmd.txt', 'ny\nrad.txt', 'CON', '../../etc/passwd'),
  wordy(1, 500),
);

const FIELD_OVERRIDES: Partial<Record<Method, Record<string, fc.Arbitrary<unknown>>>> = {
  'settings.setAnnotator': { name: analystName },
  'articles.importText': { text: articleText, publishedAt: fc.option(date, { nil: null }) },
  'articles.importFiles': {
    files: fc.array(fc.record({ name: fileName, dataBase64: fileData }), { minLength: 1, maxLength: 3 }),
  },
  'articles.list': {
    search: fc.oneof(
      textArb(0, 40),
      pick('entityName'),
      fc.constantFrom('"', '*', 'NEAR(a b)', 'a OR b', '-x', '^', 'å*', 'överraskade', 'overraskade', '“Det', 'e\u0301'),
    ),
  },
  'articles.update': { publishedAt: fc.option(date, { nil: null }) },
  'tags.create': { name: tagNameArb, parentId: fc.option(ref('tag'), { nil: null, freq: 2 }) },
  'tags.update': { name: tagNameArb, parentId: fc.option(ref('tag'), { nil: null, freq: 3 }) },
  'tags.ensurePath': { path: fc.array(tagNameArb, { minLength: 1, maxLength: 4 }) },
  'annotations.update': { note: noteArb },
  'annotations.restore': { id: fc.oneof({ weight: 8, arbitrary: existingRef('deletedAnnotation') }, { weight: 1, arbitrary: ref('annotation') }) },
  'entities.list': { search: fc.oneof(textArb(0, 30), pick('entityName'), fc.constantFrom('%', '_', '\\', "'")) },
  'entities.rename': { name: entityNameArb },
  'entities.merge': { sourceIds: fc.array(ref('entity'), { minLength: 1, maxLength: 3 }) },
  'entities.split': { alias: fc.oneof({ weight: 5, arbitrary: pick('alias', { of: 'id' }) }, { weight: 1, arbitrary: wordy(1, 300) }) },
  'entities.unignore': { name: fc.oneof({ weight: 4, arbitrary: pick('ignored') }, { weight: 1, arbitrary: wordy(1, 300) }) },
  'export.csv': {
    tagIds: fc.oneof(
      { weight: 8, arbitrary: fc.array(ref('tag'), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.constant({ $bulk: 33_000, of: { $ref: 'tag', pick: 0 } }) },
    ),
    articleIds: fc.oneof(
      { weight: 8, arbitrary: fc.array(ref('article'), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.constant({ $bulk: 33_000, of: { $ref: 'article', pick: 0 } }) },
    ),
  },
};

/** Whole-input generators for methods whose fields depend on one another. */
const WHOLE: Partial<Record<Method, fc.Arbitrary<unknown>>> = {
  'annotations.create': fc.record(
    { articleId: ref('article'), tagId: ref('tag'), $span: span(validSpanModes), note: noteArb, annotator: analystName },
    { requiredKeys: ['articleId', 'tagId', '$span'] },
  ),
  'mentions.add': fc.oneof(
    fc.record({ articleId: ref('article'), $span: span(validSpanModes), entityId: ref('entity') }),
    fc.record(
      { articleId: ref('article'), $span: span(validSpanModes), name: entityNameArb, type: entityType },
      { requiredKeys: ['articleId', '$span', 'name'] },
    ),
    fc.record({ articleId: ref('article'), $span: span(validSpanModes), entityId: ref('entity'), name: entityNameArb, type: entityType }),
  ),
};

const validPlans = new Map<Method, fc.Arbitrary<unknown>>();

/** A plan for a valid call of the method: hand-written where it matters, from the schema otherwise. */
export function validPlan(method: Method): fc.Arbitrary<unknown> {
  let arb = validPlans.get(method);
  if (!arb) validPlans.set(method, (arb = WHOLE[method] ?? objectValid(contract[method].input, method, FIELD_OVERRIDES[method] ?? {})));
  return arb;
}

// ---------------------------------------------------------------------------------------------------
// Invalid input

/** What a refused call must answer. `schema`: the contract's own schema refuses the input. */
export type Expectation = { codes: readonly ErrorCode[]; category: 'schema' | 'rule'; why: string };
export type InvalidCase = {
  plan: unknown;
  expect: Expectation;
  /** Put a control character into one of the input's strings once it is resolved. */
  control?: { which: number; at: number; char: string };
};

type Broken = { value: unknown; why: string };
const INVALID: readonly ErrorCode[] = ['INVALID_INPUT'];

const wrongTypes = (except: string[]) =>
  fc.constantFrom<unknown>(
    ...[1, 0, -1, 1.5, true, false, '', 'text', [], ['a'], {}, { length: 1 }].filter((v) => !except.includes(Array.isArray(v) ? 'array' : typeof v)),
  );

const refuses = (schema: unknown) => (b: Broken) => !(schema as { safeParse(v: unknown): { success: boolean } }).safeParse(b.value).success;

/** Ways to break a value of this schema such that the schema refuses it; null when there are none. */
function brokenFor(schema: unknown, ctx: Ctx, allowNull = false): fc.Arbitrary<Broken> | null {
  const def = defOf(schema);
  if (['string', 'number', 'boolean', 'enum'].includes(def.type)) return brokenLeaf(schema, ctx, allowNull)?.filter(refuses(schema)) ?? null;
  return brokenComposite(schema, ctx, allowNull);
}

function brokenLeaf(schema: unknown, ctx: Ctx, allowNull: boolean): fc.Arbitrary<Broken> | null {
  const def = defOf(schema);
  const at = ctx.key ?? 'input';
  const withNull = (arb: fc.Arbitrary<unknown>) => (allowNull ? arb : fc.oneof(arb, fc.constant(null)));
  switch (def.type) {
    case 'string': {
      const { min, max, trims } = lengthBounds(schema);
      const pattern = patternOf(schema);
      const ways: fc.Arbitrary<Broken>[] = [withNull(wrongTypes(['string'])).map((value) => ({ value, why: `${at} is not a string` }))];
      if (max !== undefined) {
        ways.push(
          fc
            .oneof(fc.nat(5), fc.constantFrom(1000, 100_000, 1_000_000))
            .chain((extra) =>
              fc
                .constantFrom('x', 'ö', '😀')
                .map((c) => ({ value: c.repeat(Math.ceil((max + 1 + extra) / c.length)), why: `${at} is ${max + 1 + extra}+ code units (at most ${max})` })),
            ),
        );
      }
      if (min > 0) ways.push(fc.constantFrom('', ...(trims ? [' ', '   \t\n', '\u00a0'] : [])).map((value) => ({ value, why: `${at} is too short` })));
      if (pattern) {
        ways.push(
          fc
            .oneof(
              textArb(0, 12),
              fc.constantFrom(
                '',
                ' ',
                '2024-1-1',
                '24-01-01',
                '2024-01-01T00:00',
                '#12345',
                '#1234567',
                'red',
                'AB',
                'ab',
                'S',
                'sv_SE',
                'english',
                '\n2024-01-01',
              ),
            )
            .filter((s) => !pattern.test(s))
            .map((value) => ({ value, why: `${at} does not match ${pattern}` })),
        );
      }
      return fc.oneof(...ways);
    }
    case 'number': {
      const { min, max, int } = numberBounds(schema);
      const values: unknown[] = [
        '1',
        '',
        'NaN',
        '1e3',
        '0x10',
        true,
        false,
        [],
        [1],
        {},
        NaN,
        Infinity,
        -Infinity,
        Number.MIN_SAFE_INTEGER - 1,
        2 ** 53,
        2 ** 64,
        -(2 ** 53),
      ];
      if (int) values.push(1.5, 0.1, -0.5, 1 + Number.EPSILON * 4, 2 ** 52 + 0.5);
      if (min > -Number.MAX_VALUE) values.push(min - 1, min - 1000, Number.MIN_SAFE_INTEGER, -1, 0, -0);
      if (max < Number.MAX_VALUE) values.push(max + 1, max + 1000, Number.MAX_SAFE_INTEGER, 1e300);
      if (!allowNull) values.push(null);
      const accepted = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && (!int || Number.isSafeInteger(v)) && v >= min && v <= max;
      return fc.constantFrom(...values.filter((v) => !accepted(v))).map((value) => ({
        value,
        why: `${at} is ${typeof value === 'number' ? (Object.is(value, -0) ? '-0' : String(value)) : JSON.stringify(value)}`,
      }));
    }
    case 'boolean':
      return withNull(fc.constantFrom<unknown>('true', 'false', 1, 0, '', [], {})).map((value) => ({ value, why: `${at} is not a boolean` }));
    case 'enum': {
      const entries = Object.values(def.entries as Record<string, string | number>);
      return withNull(fc.constantFrom<unknown>('per', '', 'PERSON', ' PER', 'LOC ', 'xyz', 1, [], {}).filter((v) => !entries.includes(v as string))).map(
        (value) => ({ value, why: `${at} is not one of ${entries.join(', ')}` }),
      );
    }
    default:
      return null;
  }
}

function brokenComposite(schema: unknown, ctx: Ctx, allowNull: boolean): fc.Arbitrary<Broken> | null {
  const def = defOf(schema);
  const at = ctx.key ?? 'input';
  const withNull = (arb: fc.Arbitrary<unknown>) => (allowNull ? arb : fc.oneof(arb, fc.constant(null)));
  switch (def.type) {
    case 'literal':
      return fc.constant({ value: { not: 'the literal' }, why: `${at} is not the literal` });
    case 'optional':
    case 'default':
    case 'prefault':
      return brokenFor(unwrap(schema), ctx, allowNull);
    case 'nullable':
      return brokenFor(unwrap(schema), ctx, true);
    case 'pipe': {
      const ways = [brokenFor(def.in, ctx, allowNull), defOf(def.out).type === 'transform' ? null : brokenFor(def.out, ctx, allowNull)].filter(
        (w): w is fc.Arbitrary<Broken> => w !== null,
      );
      return ways.length ? fc.oneof(...ways) : null;
    }
    case 'array': {
      const element = def.element as unknown;
      const { min, max } = lengthBounds(schema);
      const ways: fc.Arbitrary<Broken>[] = [
        withNull(fc.constantFrom<unknown>('a,b', 1, true, {}, { length: 1, 0: 1 }, { 0: 'x' })).map((value) => ({ value, why: `${at} is not a list` })),
      ];
      const one = validFor(element, ctx);
      if (min > 0) ways.push(fc.constant({ value: [], why: `${at} is empty (at least ${min})` }));
      if (max !== undefined) {
        ways.push(
          fc.tuple(one, fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(max * 10, 10_000))).map(([of, extra]) => ({
            value: { $bulk: max + extra, of },
            why: `${at} has ${max + extra} items (at most ${max})`,
          })),
        );
      }
      const brokenElement = brokenFor(element, ctx);
      if (brokenElement) {
        ways.push(
          fc.tuple(fc.array(one, { minLength: Math.max(0, min - 1), maxLength: Math.min(3, max ?? 3) }), brokenElement, fc.nat()).map(([items, bad, where]) => {
            const list = [...items];
            list.splice(where % (list.length + 1), 0, bad.value);
            if (max !== undefined && list.length > max) list.shift();
            return { value: list, why: `an item of ${at}: ${bad.why}` };
          }),
        );
      }
      return fc.oneof(...ways);
    }
    case 'object':
      return objectBroken(schema, ctx.method, allowNull);
    case 'record':
      return withNull(fc.constantFrom<unknown>('x', 1, [], true)).map((value) => ({ value, why: `${at} is not an object` }));
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return brokenFor(def.innerType, ctx, allowNull);
    case 'lazy':
      return brokenFor((def.getter as () => unknown)(), ctx, allowNull);
    case 'union':
    case 'tuple':
    case 'null':
    case 'unknown':
    case 'any':
    case 'transform':
      return null;
    default:
      throw new Error(
        `The API property tests do not know how to break a zod ${def.type} (${ctx.method}${ctx.key ? `.${ctx.key}` : ''}); teach brokenFor in test/unit/support/api-arbitraries.ts.`,
      );
  }
}

function objectBroken(schema: unknown, method: string, allowNull: boolean, overrides: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Broken> {
  const shape = shapeOf(schema);
  const keys = Object.keys(shape);
  const required = keys.filter((k) => !isOptional(shape[k]));
  const valid = objectValid(schema, method, overrides).map((v) => (isRecord(v) ? v : {}));
  const ways: fc.WeightedArbitrary<Broken>[] = [
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(...['x', 1, true, [], [{}], ...(allowNull ? [] : [null])]).map((value) => ({ value, why: 'not an object' })),
    },
  ];
  if (required.length) {
    ways.push({
      weight: 2,
      arbitrary: fc.tuple(valid, fc.constantFrom(...required)).map(([v, key]) => {
        const { [key]: _gone, ...rest } = v;
        return { value: rest, why: `${key} is missing` };
      }),
    });
  }
  if (isStrict(schema)) {
    ways.push({
      weight: 3,
      arbitrary: fc.tuple(valid, fc.constantFrom(...EXTRA_KEYS.filter((k) => !keys.includes(k))), fc.jsonValue()).map(([v, key, value]) => ({
        value: { ...v, $extraKeys: [[key, value]] },
        why: `the unknown key ${JSON.stringify(key)} (the input is strict)`,
      })),
    });
  }
  const breakable = keys
    .map((key) => [key, brokenFor(shape[key], { method, key })] as const)
    .filter((e): e is readonly [string, fc.Arbitrary<Broken>] => e[1] !== null);
  if (breakable.length) {
    ways.push({
      weight: 6 + breakable.length,
      arbitrary: fc.oneof(...breakable.map(([key, bad]) => fc.tuple(valid, bad).map(([v, b]) => ({ value: { ...v, [key]: b.value }, why: b.why })))),
    });
  }
  return fc.oneof(...ways);
}

/** Fields naming a row that must exist for the call to make sense: pointing them elsewhere is refused. */
const MUST_EXIST: Partial<Record<Method, string[]>> = {
  'articles.get': ['id'],
  'articles.update': ['id'],
  'articles.delete': ['id'],
  'tags.create': ['parentId'],
  'tags.update': ['id', 'parentId'],
  'tags.usage': ['id'],
  'tags.delete': ['id'],
  'annotations.list': ['articleId'],
  'annotations.create': ['articleId', 'tagId'],
  'annotations.update': ['id', 'tagId'],
  'annotations.delete': ['id'],
  'annotations.restore': ['id'],
  'entities.rename': ['id'],
  'entities.setType': ['id'],
  'entities.merge': ['targetId', 'sourceIds'],
  'entities.split': ['id'],
  'entities.ignore': ['id'],
  'entities.detect': ['articleId'],
  'mentions.list': ['articleId'],
  'mentions.add': ['articleId', 'entityId'],
  'mentions.remove': ['id'],
};

/** Calls the schema accepts but the project must refuse, for each method that has such calls. */
function ruleBroken(method: Method): fc.Arbitrary<InvalidCase>[] {
  const ways: fc.Arbitrary<InvalidCase>[] = [];
  const rule = (codes: readonly ErrorCode[], why: string) => ({ codes, category: 'rule' as const, why });
  const mustExist = MUST_EXIST[method];
  if (mustExist) {
    const single = Object.keys(shapeOf(contract[method].input)).length === 1;
    const codes: readonly ErrorCode[] =
      method === 'annotations.restore' ? ['NOT_FOUND', 'INVALID_INPUT'] : single ? ['NOT_FOUND'] : ['NOT_FOUND', 'INVALID_INPUT', 'CONFLICT'];
    ways.push(
      fc.tuple(validPlan(method), fc.constantFrom(...mustExist), missingKind, fc.nat(1000)).map(([plan, key, missing, n]) => {
        const kind = refKindFor(method, key)!;
        const gone: RefPlan = { $ref: kind, pick: n, missing };
        const base = isRecord(plan) ? plan : {};
        const value = Array.isArray(base[key]) || key.endsWith('Ids') ? [...((base[key] as unknown[] | undefined) ?? []), gone] : gone;
        const withKey = { ...base, [key]: value };
        if (method === 'mentions.add' && key === 'entityId') delete withKey.name;
        return { plan: withKey, expect: rule(codes, `${key} names a ${kind} that does not exist`) };
      }),
    );
  }
  const schemaRefusal = (why: string) => ({ codes: INVALID, category: 'schema' as const, why });
  switch (method) {
    case 'annotations.create':
      ways.push(
        fc
          .record({ articleId: existingRef('article'), tagId: existingRef('tag'), $span: span(fc.constantFrom<SpanMode>('empty', 'reversed')) })
          .map((plan) => ({
            plan,
            expect: schemaRefusal(`the passage ends where or before it starts (${plan.$span.mode})`),
          })),
        fc.record({ articleId: existingRef('article'), tagId: existingRef('tag'), $span: span(fc.constant<SpanMode>('outside')) }).map((plan) => ({
          plan,
          expect: rule(INVALID, 'the passage lies outside the text'),
        })),
      );
      break;
    case 'mentions.add':
      ways.push(
        fc
          .record(
            { articleId: existingRef('article'), $span: span(fc.constantFrom<SpanMode>('aligned', 'whole')), type: entityType },
            { requiredKeys: ['articleId', '$span'] },
          )
          .map((plan) => ({
            plan,
            expect: schemaRefusal('neither an entity nor a name is given'),
          })),
        fc.record({ articleId: existingRef('article'), $span: span(fc.constantFrom<SpanMode>('empty', 'reversed')), name: entityNameArb }).map((plan) => ({
          plan,
          expect: schemaRefusal(`the mention ends where or before it starts (${plan.$span.mode})`),
        })),
        fc.record({ articleId: existingRef('article'), $span: span(fc.constant<SpanMode>('outside')), entityId: existingRef('entity') }).map((plan) => ({
          plan,
          expect: rule(INVALID, 'the mention lies outside the text'),
        })),
      );
      break;
    case 'tags.update':
      ways.push(
        fc
          .nat(1000)
          .map((n) => ({ plan: { id: { $ref: 'tag', pick: n }, parentId: { $ref: 'tag', pick: n } }, expect: rule(INVALID, 'a tag moved inside itself') })),
      );
      break;
    case 'entities.merge':
      ways.push(
        fc.tuple(fc.nat(1000), fc.array(existingRef('entity'), { maxLength: 2 })).map(([n, others]) => ({
          plan: { targetId: { $ref: 'entity', pick: n }, sourceIds: [...others, { $ref: 'entity', pick: n }] },
          expect: rule(INVALID, 'an entity merged into itself'),
        })),
      );
      break;
    case 'entities.split':
      ways.push(
        existingRef('entity').map((id) => ({
          plan: { id, alias: 'Inget sådant alias “x”' },
          expect: rule(['NOT_FOUND', 'INVALID_INPUT'], 'the alias is not a name of the entity'),
        })),
      );
      break;
    case 'entities.unignore':
      ways.push(fc.constant({ plan: { name: 'aldrig ignorerad “namn”' }, expect: rule(['NOT_FOUND'], 'the name was never ignored') }));
      break;
    case 'annotations.restore':
      ways.push(
        existingRef('annotation').map((id) => ({
          plan: { id },
          expect: rule(['NOT_FOUND', 'INVALID_INPUT', 'CONFLICT'], 'the annotation was never deleted (it is live)'),
        })),
      );
      break;
  }
  return ways;
}

/** Does any input of this schema hold a string somewhere? */
function holdsStrings(schema: unknown, seen = new Set<unknown>()): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return true;
    case 'object':
      return Object.values(shapeOf(schema)).some((s) => holdsStrings(s, seen));
    case 'array':
      return holdsStrings(def.element, seen);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
      return holdsStrings(def.innerType, seen);
    case 'pipe':
      return holdsStrings(def.in, seen);
    case 'union':
      return (def.options as unknown[]).some((o) => holdsStrings(o, seen));
    default:
      return false;
  }
}

const invalidCases = new Map<Method, fc.Arbitrary<InvalidCase>>();

/** Every kind of invalid call of the method, each with what the answer must be. */
export function invalidCase(method: Method): fc.Arbitrary<InvalidCase> {
  let arb = invalidCases.get(method);
  if (!arb) invalidCases.set(method, (arb = buildInvalidCase(method)));
  return arb;
}

function buildInvalidCase(method: Method): fc.Arbitrary<InvalidCase> {
  const schema = contract[method].input;
  const emptyIsValid = schema.safeParse({}).success;
  const topLevel = fc
    .constantFrom<unknown>(0, 1, -1, 2 ** 53, NaN, Infinity, '', 'input', '{}', true, false, [], [{}], [1, 2], ...(emptyIsValid ? [] : [null, undefined]))
    .map((plan) => ({
      plan,
      expect: {
        codes: INVALID,
        category: 'schema' as const,
        why: `the input is ${typeof plan === 'number' ? String(plan) : (JSON.stringify(plan) ?? 'undefined')}`,
      },
    }));
  const fields = objectBroken(schema, method, emptyIsValid, FIELD_OVERRIDES[method] ?? {}).map((b) => ({
    plan: b.value,
    expect: { codes: INVALID, category: 'schema' as const, why: b.why },
  }));
  const ways: fc.WeightedArbitrary<InvalidCase>[] = [
    { weight: 2, arbitrary: topLevel },
    { weight: 8, arbitrary: fields },
  ];
  for (const r of ruleBroken(method)) ways.push({ weight: 3, arbitrary: r });
  if (holdsStrings(schema)) {
    ways.push({
      weight: 4,
      arbitrary: fc.tuple(validPlan(method), fc.nat(), fc.nat(), unsafeCharacter).map(([plan, which, at, char]) => ({
        // Only the fields the method takes: keys it does not know are dropped, whatever they hold.
        plan: withoutExtraKeys(plan),
        control: { which, at, char },
        expect: {
          codes: INVALID,
          category: 'rule' as const,
          why: `a text field holds U+${char.charCodeAt(0).toString(16).padStart(4, '0')}, a control character or half of one`,
        },
      })),
    });
  }
  return fc.oneof(...ways);
}

function withoutExtraKeys(plan: unknown): unknown {
  if (Array.isArray(plan)) return plan.map(withoutExtraKeys);
  if (!isRecord(plan) || '$ref' in plan || '$pick' in plan) return plan;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(plan)) if (key !== '$extraKeys') out[key] = withoutExtraKeys(value);
  return out;
}

/** The places in a resolved input that hold strings, as paths. */
export function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => (i < 50 ? stringPaths(v, [...path, i]) : []));
  if (isRecord(value)) return Object.keys(value).flatMap((k) => stringPaths(value[k], [...path, k]));
  return [];
}

/** A copy of the input with a control character put into the string at `path`. */
export function withControl(value: unknown, path: (string | number)[], at: number, char: string): unknown {
  if (path.length === 0) {
    const s = value as string;
    const i = at % (s.length + 1);
    return s.slice(0, i) + char + s.slice(i);
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? withControl(v, rest, at, char) : v));
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(value as object)) {
    const v = (value as Record<string, unknown>)[k];
    Object.defineProperty(copy, k, { value: k === head ? withControl(v, rest, at, char) : v, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** One call of any method: mostly valid, now and then invalid, weighted towards what changes annotations. */
export type AnyCall = { method: Method; plan: unknown; valid: boolean };
const WEIGHTS: Partial<Record<Method, number>> = {
  'annotations.create': 12,
  'annotations.delete': 6,
  'annotations.restore': 6,
  'annotations.update': 4,
  'tags.delete': 3,
  'tags.update': 3,
  'tags.create': 3,
  'articles.importText': 3,
  'articles.update': 3,
  'articles.delete': 1,
  'mentions.add': 4,
  'mentions.remove': 2,
  'entities.merge': 2,
  'entities.split': 2,
  'entities.ignore': 1,
  'export.csv': 2,
};
let anyCalls: fc.Arbitrary<AnyCall> | null = null;
export function anyCall(): fc.Arbitrary<AnyCall> {
  return (anyCalls ??= fc.oneof(
    ...methods.map((method) => ({
      weight: WEIGHTS[method] ?? 1,
      arbitrary: fc.oneof(
        { weight: 5, arbitrary: validPlan(method).map((plan) => ({ method, plan, valid: true })) },
        {
          weight: 1,
          arbitrary: invalidCase(method)
            .filter((c) => !c.control)
            .map((c) => ({ method, plan: c.plan, valid: false })),
        },
      ),
    })),
  ));
}
