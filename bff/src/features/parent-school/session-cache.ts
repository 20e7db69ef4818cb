import type { Connection, Types } from 'mongoose';
import type { PoolCounters } from '../../platform/seats/seats';
import { Sessions, type ClassSession } from './session.model';

/**
 * How long the booking path reuses a session it read. In a rush every request books the same
 * session, and reading it (journal and all) each time was one of a booking's ten round trips.
 * Reuse is safe for the invariants: the seat counter's own update is guarded on the live
 * capacity and on the pool being open, so a cached copy can only send a booking down the slower
 * (waitlist, then fill) path, never over capacity or into a cancelled session. What it can do is
 * accept a booking up to this long after another BFF instance moved the booking window; edits
 * through this process drop the entry at once.
 */
export const SESSION_TTL_MS = 1_000;

type Entry = { at: number; session: Promise<ClassSession | null> };

let cache = new WeakMap<Connection, Map<string, Entry>>();

const entriesOf = (connection: Connection) => {
  let own = cache.get(connection);
  if (!own) cache.set(connection, (own = new Map()));
  return own;
};

/** The session as the booking path needs it; concurrent callers share one read. */
export function bookableSession(connection: Connection, id: Types.ObjectId): Promise<ClassSession | null> {
  const entries = entriesOf(connection);
  const key = id.toHexString();
  const now = performance.now();
  const hit = entries.get(key);
  if (hit && now - hit.at < SESSION_TTL_MS) return hit.session;
  const entry: Entry = { at: now, session: Sessions(connection).findById(id).lean<ClassSession>().exec() };
  entries.set(key, entry);
  // A failed or empty read is not remembered: the next request asks the database again.
  void entry.session.then(
    (session) => session === null && entries.get(key) === entry && entries.delete(key),
    () => entries.get(key) === entry && entries.delete(key),
  );
  return entry.session;
}

/** Keeps the cached counters as fresh as the last seat step of this process saw them. */
export function noteCounters(connection: Connection, id: Types.ObjectId, counters: PoolCounters): void {
  const entry = cache.get(connection)?.get(id.toHexString());
  if (!entry) return;
  entry.session = entry.session.then((session) => session && { ...session, ...counters });
}

/** Drops every cached session; each path that edits a session calls it after its write. */
export function forgetSessions(): void {
  cache = new WeakMap();
}
