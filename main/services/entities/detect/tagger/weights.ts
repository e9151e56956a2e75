// The trained weights file (data/tagger.bin): a small header per language and its weights as 16-bit
// integers, deflated. zlib's checksum catches a damaged file; every size is checked before use.
//
//   "FLTG" | version u8 | model count u8 | per model:
//     languages (u8 length + ASCII, comma-separated) | flags u8 (1: rule features, 2: shared by languages,
//     4: light word features) | bucket bits u8 | tag count u8 |
//     temperature f32 | weight scale f32 | transitions ((tags + 1) × tags f32) | deflated length u32 | deflated Int16 weights
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import type { TaggerModel } from './model.ts';
import { TAG_COUNT } from './tags.ts';

const MAGIC = 'FLTG';
const VERSION = 1;

export function encodeModels(models: TaggerModel[]): Buffer {
  const parts: Buffer[] = [Buffer.from(MAGIC, 'ascii'), Buffer.from([VERSION, models.length])];
  for (const m of models) {
    let max = 0;
    for (const w of m.weights) if (Math.abs(w * m.scale) > max) max = Math.abs(w * m.scale);
    const scale = max > 0 ? max / 32767 : 1;
    const q = new Int16Array(m.weights.length);
    for (let k = 0; k < q.length; k++) q[k] = Math.round((m.weights[k]! * m.scale) / scale);
    const packed = deflateSync(Buffer.from(q.buffer), { level: 9 });
    const head = Buffer.alloc(1 + m.lang.length + 3 + 8);
    let o = head.writeUInt8(m.lang.length, 0);
    o += head.write(m.lang, o, 'ascii');
    o = head.writeUInt8((m.options.rules ? 1 : 0) | (m.options.shared ? 2 : 0) | (m.options.light ? 4 : 0), o);
    o = head.writeUInt8(m.bucketBits, o);
    o = head.writeUInt8(TAG_COUNT, o);
    o = head.writeFloatLE(m.temperature, o);
    head.writeFloatLE(scale, o);
    const trans = Buffer.from(Float32Array.from(m.transitions).buffer);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(packed.length, 0);
    parts.push(head, trans, len, packed);
  }
  return Buffer.concat(parts);
}

export function decodeModels(bytes: Uint8Array): TaggerModel[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (o: number, n: number) => {
    if (o + n > buf.length) throw new Error('the file ends too early');
  };
  need(0, 6);
  if (buf.toString('ascii', 0, 4) !== MAGIC) throw new Error('not a tagger weights file');
  if (buf[4] !== VERSION) throw new Error(`weights format ${buf[4]} is not the one this version reads (${VERSION})`);
  const count = buf[5]!;
  let o = 6;
  const models: TaggerModel[] = [];
  for (let i = 0; i < count; i++) {
    need(o, 1);
    const langLength = buf[o++]!;
    need(o, langLength + 11);
    const lang = buf.toString('ascii', o, o + langLength);
    o += langLength;
    const flags = buf[o++]!;
    const options = { rules: (flags & 1) !== 0, shared: (flags & 2) !== 0, light: (flags & 4) !== 0 };
    const bucketBits = buf[o++]!;
    const tags = buf[o++]!;
    if (tags !== TAG_COUNT || bucketBits < 4 || bucketBits > 24 || !/^[a-z]{2,3}(?:,[a-z]{2,3})*$/.test(lang)) throw new Error('the header makes no sense');
    const temperature = buf.readFloatLE(o);
    const scale = buf.readFloatLE(o + 4);
    o += 8;
    const transCount = (TAG_COUNT + 1) * TAG_COUNT;
    need(o, transCount * 4 + 4);
    const transitions = new Float32Array(transCount);
    for (let k = 0; k < transCount; k++) transitions[k] = buf.readFloatLE(o + 4 * k);
    o += transCount * 4;
    const packedLength = buf.readUInt32LE(o);
    o += 4;
    need(o, packedLength);
    const raw = inflateSync(buf.subarray(o, o + packedLength));
    o += packedLength;
    const size = (1 << bucketBits) * TAG_COUNT;
    if (raw.length !== size * 2) throw new Error('the weights have the wrong size');
    // Kept as 16-bit integers: emissions() multiplies by the scale, so loading copies nothing.
    const weights =
      raw.byteOffset % 2 === 0 ? new Int16Array(raw.buffer, raw.byteOffset, size) : new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + size * 2));
    if (!Number.isFinite(temperature) || temperature <= 0 || !Number.isFinite(scale)) throw new Error('the header makes no sense');
    for (const t of transitions) if (!Number.isFinite(t)) throw new Error('the transitions are damaged');
    models.push({ lang, options, bucketBits, weights, scale, transitions, temperature });
  }
  if (o !== buf.length) throw new Error('unexpected bytes after the last model');
  return models;
}

export type LoadedTagger = { models: Map<string, TaggerModel>; warning: string | null };

/** Reads the weights; a missing or damaged file gives no models and a warning saying so, never an exception. */
export function loadTagger(path: string): LoadedTagger {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file is missing' : error instanceof Error ? error.message : String(error);
    return { models: new Map(), warning: `entity tagger weights ${path} could not be read (${reason}); names are detected by the rules alone` };
  }
  try {
    const models = new Map<string, TaggerModel>();
    for (const m of decodeModels(bytes)) for (const lang of m.lang.split(',')) models.set(lang, m);
    return { models, warning: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { models: new Map(), warning: `entity tagger weights ${path} are damaged (${reason}); names are detected by the rules alone` };
  }
}
