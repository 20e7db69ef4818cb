import { z } from 'zod';

/** A MongoDB ObjectId as 24 lowercase hex characters; anything else is rejected before a query. */
export const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'must be a 24-character hex id');

export const isoDateTime = z.iso.datetime({ offset: true });

export const idParams = z.strictObject({ id: objectId });

/** Cursor pagination: the cursor is opaque to clients. */
export const pageQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function page<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const empty = z.strictObject({});
export const ok = z.strictObject({ ok: z.literal(true) });
