import { Readable, Transform } from 'node:stream';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { systemClock } from '../../platform/deps';
import { importRows, inTheFuture, type ImportKind, type ImportRow } from './import-rows';

export { importKinds, type ImportKind } from './import-rows';
import { writers, type NumberedRow, type Store } from './tasks';

export type ImportFormat = 'csv' | 'jsonl';
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

export interface ImportReport {
  kind: ImportKind;
  format: ImportFormat;
  encoding: DetectedEncoding;
  /** Data rows read (the CSV header is not one). */
  rows: number;
  accepted: number;
  rejected: number;
  upserted: number;
  modified: number;
  /** The first `MAX_LISTED_ERRORS` rejected rows, by line of the file. */
  errors: { line: number; reason: string }[];
}

export interface ImportOptions {
  format: ImportFormat;
  batchSize?: number;
  /** Added to every reported line: where this piece starts in the whole file (chunked uploads). */
  lineOffset?: number;
  /** Called after each batch is written, with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
}

/** A file the import cannot read at all (no rows were written); row problems are in the report. */
export class ImportFileError extends Error {}

export const MAX_LISTED_ERRORS = 1000;
/** A row of any kind is a few hundred bytes; a longer line is not a row (a binary file, a file
 * without line breaks) and must not be held whole while the parser waits for its end. */
export const MAX_LINE_BYTES = 64 * 1024;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const LF = 0x0a;
const CR = 0x0d;

/**
 * UTF-8 with a BOM, UTF-8, or else GBK (what Excel on a Chinese Windows saves as "CSV"), judged
 * on the first chunk: a GBK file almost never decodes as UTF-8, since its two-byte characters
 * break UTF-8's continuation rules. `stream: true` lets a character cut at the chunk's end pass.
 */
function detectEncoding(head: Buffer): DetectedEncoding {
  if (head.subarray(0, 3).equals(BOM)) return 'utf-8-bom';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

async function* withHead(head: Buffer, rest: AsyncIterator<Buffer>) {
  yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * Passes the file through line by line, but a line longer than `MAX_LINE_BYTES` leaves only its
 * line break: it is dropped as it streams, never held whole (memory stays bounded), the parsers
 * skip the now empty line (still counting it), and `onOverlong` reports it by line. A CR also
 * ends a line for the length (old Excel files break lines with CR alone); lines are numbered by
 * LF, as the parsers number them. Works on the raw bytes: no GBK or UTF-8 character holds 0x0a
 * or 0x0d.
 */
function capLines(onOverlong: (line: number) => void): Transform {
  let line = 1;
  // The current line's bytes so far, held until its break (at most MAX_LINE_BYTES).
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let dropping = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const out: Buffer[] = [];
      let start = 0;
      for (let i = 0; i < chunk.length; i += 1) {
        const byte = chunk[i]!;
        if (byte === LF || byte === CR) {
          if (!dropping) out.push(...pending);
          out.push(chunk.subarray(dropping ? i : start, i + 1));
          pending = [];
          pendingLength = 0;
          dropping = false;
          start = i + 1;
          if (byte === LF) line += 1;
        } else if (!dropping && pendingLength + (i - start + 1) > MAX_LINE_BYTES) {
          dropping = true;
          pending = [];
          pendingLength = 0;
          onOverlong(line);
        }
      }
      if (!dropping) {
        pending.push(chunk.subarray(start));
        pendingLength += chunk.length - start;
      }
      done(null, Buffer.concat(out));
    },
    flush(done) {
      done(null, Buffer.concat(pending));
    },
  });
}

type RawRecord = { line: number; value: unknown } | { line: number; error: string };

/**
 * Why a header is refused, naming only what looks like a column name (camelCase, as every column
 * is): a file without a header row has a person's ID number and name where the names should be,
 * and this message reaches the clerk's screen and the CLI's output.
 */
function unknownColumns(kind: ImportKind, unknown: readonly string[], known: readonly string[]): string {
  const named = unknown.filter((column) => /^[a-z][A-Za-z0-9]{0,31}$/.test(column));
  const others = unknown.length - named.length;
  const what = [...named, ...(others > 0 ? [`${others} more that are not column names (no header row?)`] : [])];
  return `unknown columns for ${kind}: ${what.join(', ')}; expected ${known.join(', ')}`;
}

async function* csvRecords(text: NodeJS.ReadableStream, kind: ImportKind): AsyncGenerator<RawRecord> {
  const known = Object.keys(importRows[kind].shape);
  const skipped: RawRecord[] = [];
  const parser = text.pipe(
    parse({
      columns: (header: string[]) => {
        const unknown = header.filter((column) => !known.includes(column));
        if (unknown.length > 0) throw new ImportFileError(unknownColumns(kind, unknown, known));
        return header;
      },
      bom: true,
      trim: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
    }),
  );
  parser.on('skip', (error: Error & { lines?: number }) =>
    skipped.push({ line: error.lines ?? 0, error: error.message }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: unknown; info: { lines: number } }>) {
      yield* skipped.splice(0);
      yield { line: info.lines, value: record };
    }
  } catch (error) {
    throw error instanceof ImportFileError
      ? error
      : new ImportFileError(withoutNumbers(String((error as Error).message)));
  }
  yield* skipped.splice(0);
}

async function* jsonLines(text: NodeJS.ReadableStream): AsyncGenerator<RawRecord> {
  let line = 0;
  for await (const raw of createInterface({ input: text, crlfDelay: Infinity })) {
    line += 1;
    if (raw.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(raw) };
    } catch {
      yield { line, error: 'not a JSON object' };
    }
  }
}

// A reason may quote the row (zod names an unknown key, which may be an ID number pasted in the
// header): runs of 11+ digits, phone or ID numbers, never reach the report, as never a log.
const withoutNumbers = (reason: string) => reason.replace(/\d{11,}/g, '[digits]');

const reasonOf = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');

/**
 * Streams a batch file into the store: rows are checked one by one, good ones written in
 * ordered bulk upserts of `batchSize`, bad ones reported by line. Memory holds one batch and the
 * listed errors, whatever the file's size; the parser waits while a batch is written. Every
 * write is an upsert on the record's natural key, so running the same file again writes nothing.
 */
export async function importFile<K extends ImportKind>(
  store: Store,
  kind: K,
  source: Readable,
  { format, batchSize = 1000, lineOffset = 0, onProgress }: ImportOptions,
): Promise<ImportReport> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await chunks.next();
  const head = first.done ? Buffer.alloc(0) : Buffer.from(first.value);
  const encoding = detectEncoding(head);
  const report: ImportReport = {
    kind,
    format,
    encoding,
    rows: 0,
    accepted: 0,
    rejected: 0,
    upserted: 0,
    modified: 0,
    errors: [],
  };
  const reject = (line: number, reason: string) => {
    report.rejected += 1;
    if (report.errors.length < MAX_LISTED_ERRORS) report.errors.push({ line, reason: withoutNumbers(reason) });
  };
  const text = Readable.from(withHead(head, chunks))
    .pipe(
      capLines((line) => {
        report.rows += 1;
        reject(line + lineOffset, `line longer than ${MAX_LINE_BYTES / 1024} KB: not a row`);
      }),
    )
    .pipe(iconv.decodeStream(encoding === 'gbk' ? 'gbk' : 'utf8'));
  let batch: NumberedRow<K>[] = [];
  const flush = async () => {
    const outcome = await writers[kind](store, batch);
    report.upserted += outcome.upserted;
    report.modified += outcome.modified;
    report.accepted += batch.length - outcome.errors.length;
    for (const error of outcome.errors) reject(error.line, error.reason);
    batch = [];
    onProgress?.(report.rows);
  };

  const schema = importRows[kind];
  const now = (store.clock ?? systemClock).now();
  for await (const record of format === 'csv' ? csvRecords(text, kind) : jsonLines(text)) {
    report.rows += 1;
    const line = record.line + lineOffset;
    if ('error' in record) {
      reject(line, record.error);
      continue;
    }
    const parsed = schema.safeParse(record.value);
    const future = parsed.success ? inTheFuture[kind](parsed.data as ImportRow<K>, now) : null;
    if (!parsed.success) reject(line, reasonOf(parsed.error.issues));
    else if (future) reject(line, `${future}: in the future`);
    else batch.push({ line, row: parsed.data as ImportRow<K> });
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}
