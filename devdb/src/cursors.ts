import { calculateObjectSize, Long, type Document } from 'bson';

const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 16 * 1024;
const DEFAULT_FIRST_BATCH = 101;

interface OpenCursor {
  ns: string;
  docs: Document[];
  pos: number;
}

/** Results not yet fetched by getMore, held server-side as mongod holds its cursors. */
export class CursorRegistry {
  private readonly open = new Map<bigint, OpenCursor>();

  /** The first batch, and a cursor id for the rest (0 when everything fit). */
  start(
    ns: string,
    docs: Document[],
    batchSize: number | undefined,
    singleBatch: boolean,
  ): { batch: Document[]; id: Long } {
    const cursor: OpenCursor = { ns, docs, pos: 0 };
    const batch = this.take(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    if (singleBatch || cursor.pos >= docs.length) return { batch, id: Long.ZERO };
    let id: bigint;
    do id = BigInt(Math.floor(Math.random() * 2 ** 52) + 1);
    while (this.open.has(id));
    this.open.set(id, cursor);
    return { batch, id: Long.fromBigInt(id) };
  }

  next(id: bigint, batchSize: number | undefined): { ns: string; batch: Document[]; id: Long } | undefined {
    const cursor = this.open.get(id);
    if (!cursor) return undefined;
    const batch = this.take(cursor, batchSize || Infinity);
    if (cursor.pos >= cursor.docs.length) {
      this.open.delete(id);
      return { ns: cursor.ns, batch, id: Long.ZERO };
    }
    return { ns: cursor.ns, batch, id: Long.fromBigInt(id) };
  }

  ns(id: bigint): string | undefined {
    return this.open.get(id)?.ns;
  }

  kill(id: bigint): boolean {
    return this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }

  private take(cursor: OpenCursor, batchSize: number): Document[] {
    const batch: Document[] = [];
    let bytes = 0;
    while (cursor.pos < cursor.docs.length && batch.length < batchSize) {
      const doc = cursor.docs[cursor.pos]!;
      bytes += calculateObjectSize(doc);
      if (batch.length && bytes > MAX_BATCH_BYTES) break;
      batch.push(doc);
      cursor.pos++;
    }
    return batch;
  }
}
