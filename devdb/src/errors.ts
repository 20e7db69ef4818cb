// mongod's error codes for the failures devdb can produce; the driver and mongoose branch on
// `code`/`codeName`, so these must be the server's own.
const CODE_NAMES: Record<number, string> = {
  1: 'InternalError',
  2: 'BadValue',
  4: 'NoSuchKey',
  9: 'FailedToParse',
  13: 'Unauthorized',
  14: 'TypeMismatch',
  20: 'IllegalOperation',
  22: 'InvalidBSON',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  28: 'PathNotViable',
  40: 'ConflictingUpdateOperators',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  52: 'DollarPrefixedFieldName',
  53: 'InvalidIdField',
  56: 'EmptyFieldName',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  67: 'CannotCreateIndex',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  121: 'DocumentValidationFailure',
  11000: 'DuplicateKey',
  10334: 'BSONObjectTooLarge',
  15974: 'Location15974',
  17419: 'Location17419',
  31254: 'Location31254',
  40352: 'Location40352',
};

export class MongoCommandError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get codeName(): string {
    return CODE_NAMES[this.code] ?? `Location${this.code}`;
  }
}

export const fail = (code: number, message: string, extra?: Record<string, unknown>): never => {
  throw new MongoCommandError(code, message, extra);
};

/** Any thrown value as mongod would report it; mingo's own errors are bad user input (BadValue). */
export function toCommandError(e: unknown): MongoCommandError {
  if (e instanceof MongoCommandError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new MongoCommandError(2, message);
}

export function errorReply(e: unknown): Record<string, unknown> {
  const err = toCommandError(e);
  return { ok: 0, errmsg: err.message, code: err.code, codeName: err.codeName, ...err.extra };
}
