// Compact storage for the articles of one run: everything in typed arrays, outside the JS heap, and
// nothing allocated per article.

/** Rows of `width` 32-bit values appended one by one, in one array that doubles when full. */
export class RowStore {
  data: Uint32Array;
  rows = 0;

  constructor(
    readonly width: number,
    capacity = 1024,
  ) {
    this.data = new Uint32Array(width * capacity);
  }

  /** The offset of a new row, to be written by the caller. */
  add(): number {
    if ((this.rows + 1) * this.width > this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    return this.rows++ * this.width;
  }

  /** The rows as one array (a view, not a copy). */
  view(): Uint32Array {
    return this.data.subarray(0, this.rows * this.width);
  }

  get bytes(): number {
    return this.data.byteLength;
  }
}

/** A float64 per article, appended in order. */
export class NumberColumn {
  data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get(i: number): number {
    return this.data[i]!;
  }
}

const CHUNK = 1 << 22; // 16 MB of shingles per chunk

/**
 * Sets of 32-bit values of varying length, appended in order. Sets live in fixed chunks, each set
 * whole in one chunk, so growing never copies what is stored (a doubling array would briefly need
 * twice the memory).
 */
export class SetStore {
  readonly chunks: Uint32Array[] = [];
  private readonly chunkOf = new NumberColumn();
  private readonly startOf = new NumberColumn();
  private readonly endOf = new NumberColumn();
  private used = CHUNK;

  get length(): number {
    return this.chunkOf.length;
  }

  /** Appends values[0..count). */
  add(values: Uint32Array, count: number): void {
    if (this.used + count > (this.chunks.at(-1)?.length ?? 0)) {
      this.chunks.push(new Uint32Array(Math.max(CHUNK, count)));
      this.used = 0;
    }
    this.chunks.at(-1)!.set(values.subarray(0, count), this.used);
    this.chunkOf.push(this.chunks.length - 1);
    this.startOf.push(this.used);
    this.endOf.push(this.used + count);
    this.used += count;
  }

  chunk(i: number): Uint32Array {
    return this.chunks[this.chunkOf.get(i)]!;
  }

  start(i: number): number {
    return this.startOf.get(i);
  }

  end(i: number): number {
    return this.endOf.get(i);
  }

  /** Set i as its own array (a view). */
  get(i: number): Uint32Array {
    return this.chunk(i).subarray(this.start(i), this.end(i));
  }

  get bytes(): number {
    return this.chunks.reduce((sum, c) => sum + c.byteLength, 0) + 3 * 8 * this.chunkOf.data.length;
  }
}
