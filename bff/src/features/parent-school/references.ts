import type { Connection, Types } from 'mongoose';
import { Courses, type Course } from './course.model';
import { Schools, type School } from './school.model';
import { Venues, type Venue } from './venue.model';

/**
 * How long a school, course or venue read for session views is reused. They are few and change
 * rarely, while a booking rush answers thousands of times with the same three. Edits made through
 * this process (staff routes, seed and admin tasks) drop the cache at once; an edit made by
 * another BFF instance or written to the database directly shows here within this bound.
 */
export const REFERENCE_TTL_MS = 5_000;

type Cached<T> = { at: number; doc: Promise<T | undefined> };
type Caches = {
  schools: Map<string, Cached<School>>;
  courses: Map<string, Cached<Course>>;
  venues: Map<string, Cached<Venue>>;
};

let caches = new WeakMap<Connection, Caches>();

/** Drops every cached reference; each edit path calls it after its write. */
export function forgetReferences(): void {
  caches = new WeakMap();
}

/**
 * The records of `ids`, one query for all those not cached or expired. Concurrent callers share
 * an in-flight read, so a burst starting cold still reads each record once.
 */
function cachedById<T extends { _id: Types.ObjectId }>(
  cache: Map<string, Cached<T>>,
  ids: Types.ObjectId[],
  read: (ids: Types.ObjectId[]) => Promise<T[]>,
): Promise<Map<string, T>> {
  const now = performance.now();
  const missing = ids.filter((id) => {
    const hit = cache.get(id.toHexString());
    return !hit || now - hit.at >= REFERENCE_TTL_MS;
  });
  if (missing.length > 0) {
    const loaded = read(missing).then((docs) => new Map(docs.map((doc) => [doc._id.toHexString(), doc])));
    for (const id of missing) {
      const key = id.toHexString();
      const entry: Cached<T> = { at: now, doc: loaded.then((docs) => docs.get(key)) };
      cache.set(key, entry);
      // A failed or empty read is not remembered: the next request asks the database again.
      void entry.doc.then(
        (doc) => doc === undefined && cache.get(key) === entry && cache.delete(key),
        () => cache.get(key) === entry && cache.delete(key),
      );
    }
  }
  return Promise.all(ids.map(async (id) => [id.toHexString(), await cache.get(id.toHexString())!.doc] as const)).then(
    (pairs) => new Map(pairs.filter((pair): pair is readonly [string, T] => pair[1] !== undefined)),
  );
}

/** Schools, courses and venues by hex id, as session views need them. */
export async function referencesFor(
  connection: Connection,
  ids: { schools: Types.ObjectId[]; courses: Types.ObjectId[]; venues: Types.ObjectId[] },
) {
  let own = caches.get(connection);
  if (!own) caches.set(connection, (own = { schools: new Map(), courses: new Map(), venues: new Map() }));
  const [schools, courses, venues] = await Promise.all([
    cachedById(own.schools, ids.schools, (missing) =>
      Schools(connection)
        .find({ _id: { $in: missing } })
        .lean<School[]>(),
    ),
    cachedById(own.courses, ids.courses, (missing) =>
      Courses(connection)
        .find({ _id: { $in: missing } })
        .lean<Course[]>(),
    ),
    cachedById(own.venues, ids.venues, (missing) =>
      Venues(connection)
        .find({ _id: { $in: missing } })
        .lean<Venue[]>(),
    ),
  ]);
  return { schools, courses, venues };
}
