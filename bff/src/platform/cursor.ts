import { Types } from 'mongoose';
import { problem } from './problem';

/**
 * Page cursors for lists kept in (instant, _id) order: the last item's instant and id, opaque to
 * clients, so pages stay stable while items are added.
 */
export interface InstantCursor {
  readonly at: Date;
  readonly id: Types.ObjectId;
}

const FORMAT = /^(\d{1,15}):([0-9a-f]{24})$/;

export function encodeCursor(cursor: InstantCursor): string {
  return Buffer.from(`${cursor.at.getTime()}:${cursor.id.toHexString()}`).toString('base64url');
}

/** The cursor a client sent back, or a 400 naming `query.cursor`. */
export function decodeCursor(cursor: string): InstantCursor {
  const match = FORMAT.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match)
    throw problem('VALIDATION_FAILED', undefined, { errors: [{ path: 'query.cursor', message: 'unknown cursor' }] });
  return { at: new Date(Number(match[1])), id: new Types.ObjectId(match[2]) };
}

/** The filter for "after this cursor" on a list sorted by `{ [field]: direction, _id: direction }`;
 * empty without a cursor. */
export function afterCursor(cursor: string | undefined, field: string, direction: 1 | -1 = 1) {
  if (cursor === undefined) return {};
  const { at, id } = decodeCursor(cursor);
  const past = direction === 1 ? '$gt' : '$lt';
  return { $or: [{ [field]: { [past]: at } }, { [field]: at, _id: { [past]: id } }] };
}
