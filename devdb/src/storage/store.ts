import fs from 'node:fs';
import path from 'node:path';
import type { Document } from 'bson';
import type { Catalog } from '../catalog';
import type { Durability, Engine } from '../engine';
import type { JournalOp } from '../journal-ops';
import { acquireLock } from './lock';
import { decodeRecords, encodeRecord } from './records';

const SNAPSHOT = 'snapshot.bson';
const journalName = (generation: number) => `journal.${generation}.bson`;
const COMPACT_AT_BYTES = 64 * 1024 * 1024;
const DOCS_PER_SNAPSHOT_RECORD = 1000;

export interface Store {
  close(): Promise<void>;
}

/**
 * A data directory: `snapshot.bson` (the whole catalog as of generation G) plus
 * `journal.G.bson` (every command since, appended and fsynced before it is acknowledged).
 * Compaction writes a new snapshot for G+1 and only then starts journal G+1, so a crash at
 * any point leaves one consistent (snapshot, journal) pair.
 */
export async function openStore(dir: string, engine: Engine, compactAtBytes = COMPACT_AT_BYTES): Promise<Store> {
  fs.mkdirSync(dir, { recursive: true });
  const release = acquireLock(dir);
  try {
    const generation = load(dir, engine.catalog);
    const journal = new Journal(dir, generation, engine.catalog, compactAtBytes);
    engine.durability = journal;
    return {
      async close() {
        await journal.close();
        engine.durability = undefined;
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

function load(dir: string, catalog: Catalog): number {
  // Journaled documents were validated when written; the validator may have changed since.
  catalog.validation.enabled = false;
  try {
    return replay(dir, catalog);
  } finally {
    catalog.validation.enabled = true;
  }
}

function replay(dir: string, catalog: Catalog): number {
  let generation = 0;
  const snapshotPath = path.join(dir, SNAPSHOT);
  if (fs.existsSync(snapshotPath)) {
    const { records } = decodeRecords(fs.readFileSync(snapshotPath));
    const header = records.shift();
    if (!header || typeof header.generation !== 'number')
      throw new Error(`devdb: ${snapshotPath} is not a devdb snapshot`);
    generation = header.generation;
    for (const record of records) for (const op of record.ops as JournalOp[]) catalog.apply(op);
  }
  for (const name of fs.readdirSync(dir)) {
    const m = /^journal\.(\d+)\.bson$/.exec(name);
    if (m && Number(m[1]) !== generation) fs.rmSync(path.join(dir, name));
  }
  const journalPath = path.join(dir, journalName(generation));
  if (fs.existsSync(journalPath)) {
    const buf = fs.readFileSync(journalPath);
    const { records, validLength } = decodeRecords(buf);
    for (const record of records) for (const op of record.ops as JournalOp[]) catalog.apply(op);
    // Drop a torn tail: that command was never acknowledged.
    if (validLength < buf.length) fs.truncateSync(journalPath, validLength);
  }
  catalog.takeChanges();
  return generation;
}

function writeSnapshot(dir: string, catalog: Catalog, generation: number): void {
  const tmp = path.join(dir, `${SNAPSHOT}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, encodeRecord({ generation }));
    for (const [db, colls] of catalog.databases) {
      for (const coll of colls.values()) {
        const ops: Document[] = [{ op: 'createCollection', db, coll: coll.name, options: coll.options }];
        for (const index of coll.indexes.values())
          if (index.name !== '_id_') ops.push({ op: 'createIndex', db, coll: coll.name, spec: index.spec });
        fs.writeSync(fd, encodeRecord({ ops }));
        let batch: Document[] = [];
        for (const doc of coll.docs.values()) {
          batch.push({ op: 'insert', db, coll: coll.name, doc });
          if (batch.length === DOCS_PER_SNAPSHOT_RECORD) {
            fs.writeSync(fd, encodeRecord({ ops: batch }));
            batch = [];
          }
        }
        if (batch.length) fs.writeSync(fd, encodeRecord({ ops: batch }));
      }
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(dir, SNAPSHOT));
  const dirFd = fs.openSync(dir, 'r');
  fs.fsyncSync(dirFd);
  fs.closeSync(dirFd);
}

/** Group commit: records arriving while one fsync runs are written and synced together by the next. */
class Journal implements Durability {
  private fd: number;
  private size: number;
  private pending: Buffer[] = [];
  private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly dir: string,
    private generation: number,
    private readonly catalog: Catalog,
    private readonly compactAtBytes: number,
  ) {
    const file = path.join(dir, journalName(generation));
    this.fd = fs.openSync(file, 'a');
    this.size = fs.fstatSync(this.fd).size;
  }

  append(ops: JournalOp[]): Promise<void> {
    this.pending.push(encodeRecord({ ops }));
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.flushing ??= this.flushLoop();
    return done;
  }

  private async flushLoop(): Promise<void> {
    // Let the other commands of this event-loop turn join the batch.
    await new Promise((r) => setImmediate(r));
    while (this.pending.length) {
      const data = Buffer.concat(this.pending);
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await writeAll(this.fd, data);
        await new Promise<void>((resolve, reject) => fs.fdatasync(this.fd, (e) => (e ? reject(e) : resolve())));
        this.size += data.length;
        if (this.size >= this.compactAtBytes) this.compact();
        for (const w of waiters) w.resolve();
      } catch (e) {
        for (const w of waiters) w.reject(e);
      }
    }
    this.flushing = undefined;
  }

  /**
   * Runs synchronously between commands, so the snapshot holds exactly the journaled state
   * (changes applied after the last append are still pending and go to the new journal).
   */
  private compact(): void {
    if (this.pending.length) return;
    const next = this.generation + 1;
    writeSnapshot(this.dir, this.catalog, next);
    fs.closeSync(this.fd);
    fs.rmSync(path.join(this.dir, journalName(this.generation)), { force: true });
    this.generation = next;
    this.fd = fs.openSync(path.join(this.dir, journalName(next)), 'a');
    this.size = 0;
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    fs.closeSync(this.fd);
  }
}

async function writeAll(fd: number, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const written = await new Promise<number>((resolve, reject) =>
      fs.write(fd, data, offset, data.length - offset, null, (e, n) => (e ? reject(e) : resolve(n))),
    );
    offset += written;
  }
}
