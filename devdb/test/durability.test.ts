import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'devdb-durability-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the CLI as its own process; resolves with its URI, or rejects with its stderr if it exits. */
function startChild(): Promise<{ child: ChildProcess; uri: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--dbpath', dataDir], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /mongodb:\/\/\S+/.exec(out);
      if (m) resolve({ child, uri: m[0] });
    });
    child.stderr!.on('data', (c) => (err += c));
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${err.trim()}`)));
  });
}

describe('durability of a data directory', () => {
  it('keeps every acknowledged write across kill -9 and refuses a second server on the same directory', async () => {
    const first = await startChild();
    const client = new MongoClient(first.uri, {
      serverSelectionTimeoutMS: 2000,
      retryWrites: false,
      retryReads: false,
    });
    await client.connect();
    const db = client.db('durable');
    await db.collection('docs').createIndex({ worker: 1, seq: 1 }, { unique: true });
    await db.collection('counter').insertOne({ _id: 'c' as never, n: 0 });

    const acknowledged: string[] = [];
    const batches: number[] = [];
    let increments = 0;
    let attemptedIncrements = 0;
    let killed = false;
    const worker = async (w: number) => {
      for (let seq = 0; !killed; seq++) {
        try {
          if (seq % 3 === 0) {
            attemptedIncrements++;
            await db.collection('counter').updateOne({ _id: 'c' as never }, { $inc: { n: 1 } });
            increments++;
          } else if (seq % 3 === 1) {
            const batch = w * 1_000_000 + seq;
            await db.collection('batches').insertMany(Array.from({ length: 10 }, (_, i) => ({ batch, i })));
            batches.push(batch);
          } else {
            await db.collection('docs').insertOne({ _id: `${w}-${seq}` as never, worker: w, seq });
            acknowledged.push(`${w}-${seq}`);
          }
        } catch {
          return;
        }
      }
    };
    const running = Array.from({ length: 16 }, (_, w) => worker(w));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (acknowledged.length >= 300) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(running);
    await client.close(true);
    await new Promise((r) =>
      first.child.exitCode !== null || first.child.signalCode !== null ? r(null) : first.child.once('exit', r),
    );

    const second = await startChild();
    const check = new MongoClient(second.uri);
    try {
      const db2 = check.db('durable');
      const stored = new Set(
        (
          await db2
            .collection('docs')
            .find({}, { projection: { _id: 1 } })
            .toArray()
        ).map((d) => String(d._id)),
      );
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      const counter = (await db2.collection('counter').findOne({ _id: 'c' as never }))!.n as number;
      expect(counter).toBeGreaterThanOrEqual(increments);
      expect(counter).toBeLessThanOrEqual(attemptedIncrements);
      // Each insertMany is one command: it is either all there or not there at all.
      const sizes = await db2
        .collection('batches')
        .aggregate([{ $group: { _id: '$batch', n: { $sum: 1 } } }])
        .toArray();
      expect(sizes.filter((s) => s.n !== 10)).toEqual([]);
      const storedBatches = new Set(sizes.map((s) => s._id));
      expect(batches.filter((b) => !storedBatches.has(b))).toEqual([]);
      expect((await db2.collection('docs').listIndexes().toArray()).map((i) => i.name)).toEqual([
        '_id_',
        'worker_1_seq_1',
      ]);

      await expect(startChild()).rejects.toThrow(/in use by process/);
    } finally {
      await check.close();
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
    // A clean stop releases the lock.
    expect(fs.existsSync(path.join(dataDir, 'mongod.lock'))).toBe(false);
  });
});
