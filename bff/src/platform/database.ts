import mongoose, { type Connection } from 'mongoose';

const { mongo } = mongoose;

/** Errors that mean "the database is not reachable now", which a retry later may fix (503),
 * as opposed to a bug in our query (500). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoNotConnectedError ||
    error instanceof mongo.MongoTopologyClosedError ||
    error instanceof mongoose.Error.MongooseServerSelectionError
  ) {
    return true;
  }
  // Mongoose queues operations while disconnected and fails them with a plain MongooseError.
  return error instanceof mongoose.Error && /buffering timed out|connection .*closed/i.test(error.message);
}

/** Resolves true when the server answers a ping within `timeoutMs`; never waits for the
 * driver's own (much longer) server-selection timeout. */
export async function pingDatabase(connection: Connection, timeoutMs: number): Promise<boolean> {
  if (connection.readyState !== mongoose.ConnectionStates.connected || !connection.db) return false;
  const ping = connection.db.command({ ping: 1 }).then(
    (reply) => reply.ok === 1,
    () => false,
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A unique index refused a write: features turn this into their own problem (SLOT_TAKEN, ...). */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof mongo.MongoServerError && error.code === 11000;
}
