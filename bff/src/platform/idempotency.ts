import { createHash } from 'node:crypto';
import { Schema, Types, type Connection } from 'mongoose';
import { isDuplicateKey } from './database';
import { defineModel } from './model';
import { problem } from './problem';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
// A claim still `running` this long after it was taken belongs to a process that died mid-request;
// the next retry takes it over instead of being told "in progress" for a day.
const ABANDONED_AFTER_MS = 2 * 60 * 1000;
const KEY = /^[A-Za-z0-9_:.-]{8,128}$/;

const idempotencySchema = new Schema(
  {
    userId: { type: String, required: true },
    key: { type: String, required: true },
    fingerprint: { type: String, required: true },
    state: { type: String, enum: ['running', 'done', 'failed'], required: true },
    claimedAt: { type: Date, required: true },
    status: { type: Number },
    // The JSON text sent the first time, so a replay is byte-for-byte the same answer.
    body: { type: String },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// The unique index is the lock: two concurrent first requests cannot both insert.
idempotencySchema.index({ userId: 1, key: 1 }, { unique: true });
idempotencySchema.index({ createdAt: 1 }, { expireAfterSeconds: IDEMPOTENCY_TTL_SECONDS });

export const IdempotencyRecord = defineModel('IdempotencyRecord', idempotencySchema, 'idempotency_keys');

/** The `Idempotency-Key` header, or a 400 when it is missing or not a sane token. */
export function readIdempotencyKey(header: string | undefined): string {
  if (!header) throw problem('IDEMPOTENCY_KEY_REQUIRED');
  if (!KEY.test(header)) {
    throw problem('VALIDATION_FAILED', undefined, {
      errors: [{ path: 'headers.idempotency-key', message: 'must be 8-128 letters, digits or _ : . -' }],
    });
  }
  return header;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests "the same": the operation and its validated input, key order aside. */
export function fingerprintOf(operationId: string, input: unknown): string {
  return createHash('sha256').update(operationId).update('\0').update(canonical(input)).digest('base64url');
}

export type Claim =
  | { readonly kind: 'claimed'; readonly id: Types.ObjectId }
  | { readonly kind: 'replay'; readonly status: number; readonly body: string };

interface ClaimRequest {
  readonly userId: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly now: Date;
}

/**
 * Claims `key` for this request by an atomic insert on the unique (user, key) index, never by
 * read-then-write. A finished earlier request with the same input is replayed; another input
 * under the same key is 422; one still running is 409.
 */
export async function claimIdempotencyKey(connection: Connection, request: ClaimRequest): Promise<Claim> {
  const records = IdempotencyRecord(connection);
  const { userId, key, fingerprint, now } = request;
  // Twice at most: the existing record can expire between our failed insert and our read.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      // Straight to the driver: every write request claims a key, and the record is built whole
      // here, so mongoose's document machinery would only cost time.
      const id = new Types.ObjectId();
      await records.collection.insertOne({
        _id: id,
        userId,
        key,
        fingerprint,
        state: 'running',
        claimedAt: now,
        createdAt: now,
      });
      return { kind: 'claimed', id };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const existing = await records.findOne({ userId, key }).lean();
    if (!existing) continue;
    if (existing.fingerprint !== fingerprint) throw problem('IDEMPOTENCY_KEY_REUSED');
    if (existing.state === 'failed') throw problem('IDEMPOTENCY_IN_DOUBT');
    if (existing.state === 'done' && existing.status !== undefined && existing.status !== null) {
      return { kind: 'replay', status: existing.status, body: existing.body ?? '' };
    }
    const takenOver = await records.findOneAndUpdate(
      { _id: existing._id, state: 'running', claimedAt: { $lt: new Date(now.getTime() - ABANDONED_AFTER_MS) } },
      { $set: { claimedAt: now } },
    );
    if (takenOver) return { kind: 'claimed', id: takenOver._id };
    throw problem('IDEMPOTENCY_IN_PROGRESS');
  }
  throw problem('IDEMPOTENCY_IN_PROGRESS');
}

export async function completeIdempotencyKey(connection: Connection, id: Types.ObjectId, status: number, body: string) {
  // On the driver for the same reason as the claim: every write request ends here.
  await IdempotencyRecord(connection).collection.updateOne({ _id: id }, { $set: { state: 'done', status, body } });
}

/** A refused request gives its key back, so the client's retry runs again instead of replaying
 * the refusal. */
export async function releaseIdempotencyKey(connection: Connection, id: Types.ObjectId) {
  await IdempotencyRecord(connection).deleteOne({ _id: id, state: 'running' });
}

/** A request that failed unexpectedly may have written before it failed, so its key stays bound
 * to that unknown outcome: a retry must not create a second object. */
export async function failIdempotencyKey(connection: Connection, id: Types.ObjectId) {
  await IdempotencyRecord(connection).updateOne({ _id: id, state: 'running' }, { $set: { state: 'failed' } });
}
