// What every yardstick shares: its HTTP side and the checks the real routes make before they act
// (a token of an account that is not revoked, and for a write an idempotency key claimed on a
// unique index).
import { createServer, type IncomingMessage } from 'node:http';
import { MongoServerError, type Collection, type Db, type Document } from 'mongodb';
import { bearerToken, verifyAccessToken, type JwtConfig } from '@warmcity/bff/platform/session';

export type CeilingAnswer = [status: number, body: unknown];

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

// A driver collection handle is not free to build (options resolved, a namespace parsed), and
// every request asks, so each database's is built once.
const revocations = new WeakMap<Db, Collection<{ _id: string }>>();
function revocationsOf(db: Db): Collection<{ _id: string }> {
  let collection = revocations.get(db);
  if (!collection) revocations.set(db, (collection = db.collection<{ _id: string }>('account_revocations')));
  return collection;
}

/** The 401 of a revoked account (deleted or suspended), or null: one read by `_id`, as the BFF's. */
export async function refuseRevoked(db: Db, userId: string): Promise<CeilingAnswer | null> {
  const revoked = await revocationsOf(db).findOne({ _id: userId }, { projection: { _id: 1 } });
  return revoked ? [401, { code: 'INACTIVE' }] : null;
}

/** Claims the caller's idempotency key; answers instead when the account is revoked or the key
 * was used (its stored answer, or "in progress"). Null means go ahead. */
export async function admit(db: Db, keys: Collection<Document>, userId: string, key: string) {
  const refused = await refuseRevoked(db, userId);
  if (refused) return refused;
  try {
    await keys.insertOne({ userId, key, state: 'running', createdAt: new Date() });
    return null;
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === 11000)) throw error;
    const done = await keys.findOne({ userId, key });
    return (
      done?.state === 'done' ? [done.status as number, done.body] : [409, { code: 'IN_PROGRESS' }]
    ) as CeilingAnswer;
  }
}

/** Listens on a free port: GET / pings the pool (what `warm` calls, like the BFF's /readyz); a
 * GET under /public/ goes to `publicRead` with no token, as a public route takes none; any other
 * GET needs a valid token and hands the path to `read`; POST needs a valid token and an
 * idempotency key and hands the JSON body to `handle`. */
export function serveCeiling(
  db: Db,
  jwt: JwtConfig,
  handle: (userId: string, key: string, body: unknown) => CeilingAnswer | Promise<CeilingAnswer>,
  read?: (userId: string, url: URL) => Promise<CeilingAnswer>,
  publicRead?: (url: URL) => Promise<CeilingAnswer>,
): Promise<string> {
  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.method === 'GET' && publicRead && request.url?.startsWith('/public/')) {
      publicRead(new URL(request.url, 'http://ceiling'))
        .then(([status, body]) => reply(status, body))
        .catch(() => reply(500, { code: 'INTERNAL' }));
      return;
    }
    if (request.method === 'GET' && read && request.url !== '/') {
      const user = verifyAccessToken(jwt, bearerToken(request.headers.authorization) ?? '');
      if (!user) return reply(401, { code: 'UNAUTHENTICATED' });
      read(user.id, new URL(request.url ?? '/', 'http://ceiling'))
        .then(([status, body]) => reply(status, body))
        .catch(() => reply(500, { code: 'INTERNAL' }));
      return;
    }
    if (request.method === 'GET') {
      db.command({ ping: 1 }).then(
        () => reply(200, { ok: true }),
        () => reply(503, { ok: false }),
      );
      return;
    }
    const user = verifyAccessToken(jwt, bearerToken(request.headers.authorization) ?? '');
    const key = request.headers['idempotency-key'];
    if (!user || typeof key !== 'string') return reply(401, { code: 'UNAUTHENTICATED' });
    readJson(request)
      .then((body) => handle(user.id, key, body))
      .then(([status, body]) => reply(status, body))
      .catch(() => reply(500, { code: 'INTERNAL' }));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    });
  });
}
