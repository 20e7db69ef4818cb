import { createHash } from 'node:crypto';
import { Schema, type Connection } from 'mongoose';
import { defineModel } from './model';
import { problem } from './problem';

/** A fixed-window counter. In MongoDB, so every BFF instance counts against the same limit. */
interface Counter {
  _id: string;
  count: number;
  expiresAt: Date;
}

const COLLECTION = 'rate_limits';
const schema = new Schema<Counter>(
  {
    _id: { type: String, required: true },
    count: { type: Number, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: COLLECTION, versionKey: false },
);
schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

// Declared for its TTL index, which start-up's syncIndexes builds; the counting goes on the driver.
defineModel('RateLimitCounter', schema);

export interface RateLimit {
  /** Names the limit, e.g. `sign-in:ip`. */
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: number;
}

/**
 * Counts one attempt and throws 429 RATE_LIMITED with `Retry-After` once the window's limit is
 * passed. One atomic upsert per check, so concurrent requests cannot all slip under the limit.
 * `subject` (an IP, an account id) is hashed: the counters are not a record of who came when.
 */
export async function consumeRateLimit(
  connection: Connection,
  rule: RateLimit,
  subject: string,
  now: Date,
): Promise<void> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const subjectHash = createHash('sha256').update(subject).digest('base64url').slice(0, 22);
  // Straight to the driver (the update is whole and typed here): rate-limited writes are the hot
  // ones, and mongoose's casting of it would be CPU for nothing.
  const counter = await connection.db!.collection<Counter>(COLLECTION).findOneAndUpdate(
    { _id: `${rule.name}:${subjectHash}:${windowStart}` },
    // The grace minute lets a late request in a window still find its counter.
    { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date(windowStart + windowMs + 60_000) } },
    { upsert: true, returnDocument: 'after', projection: { count: 1 } },
  );
  if (counter && counter.count > rule.limit) {
    const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - now.getTime()) / 1000));
    throw problem('RATE_LIMITED', undefined, { headers: { 'Retry-After': String(retryAfter) } });
  }
}
