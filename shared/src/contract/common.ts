import { z } from 'zod';
import { DATE_RANGE_MESSAGE, inDateRange } from './date-range';

/** A MongoDB ObjectId as 24 lowercase hex characters; anything else is rejected before a query. */
export const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'must be a 24-character hex id');

/** An instant with its offset, inside the date range every stored value keeps to. */
export const isoDateTime = z.iso
  .datetime({ offset: true })
  .refine((value) => inDateRange(new Date(value)), DATE_RANGE_MESSAGE);

// C0 controls and DEL: a bare CR or an escape in a title ends up in a calendar file, a log line
// or a terminal, where it means something.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LINE_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

/** A title, name or address: trimmed, 1..max characters, no control characters at all. */
export const singleLineText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !CONTROL.test(value), 'must be one line without control characters');

/** A summary or description: line breaks allowed (CRLF and CR become LF), no other control characters. */
export const multiLineText = (max: number) =>
  z
    .string()
    .transform((value) => value.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .min(1)
        .max(max)
        .refine((value) => !LINE_CONTROL.test(value), 'must not contain control characters other than line breaks'),
    );

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
