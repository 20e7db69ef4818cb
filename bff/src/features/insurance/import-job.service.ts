import { Readable } from 'node:stream';
import type { api } from '@warmcity/shared';
import type { Deps } from '../../platform/deps';
import { accountIdOf, oid } from '../../platform/ids';
import type { Body } from '../../platform/implement';
import { problem } from '../../platform/problem';
import { requireStaff, scopeIds } from '../../platform/scopes';
import type { SessionUser } from '../../platform/session';
import { ImportFileError, importFile, MAX_LISTED_ERRORS } from './import';
import { ImportJobs, type ImportJob } from './import-job.model';

type StartBody = Body<(typeof api)['insurance']['startImport']>;
type ChunkBody = Body<(typeof api)['insurance']['sendImportChunk']>;

const NEWLINE = 0x0a;

/** Clerks of a service hall and admins load the insurance system's batches. */
function requireImporter(user: SessionUser): void {
  requireStaff(user);
  if (!user.roles.includes('admin') && scopeIds(user, 'service-hall').length === 0) throw problem('FORBIDDEN');
}

const view = (job: ImportJob) => ({
  id: job._id.toHexString(),
  kind: job.kind,
  format: job.format,
  encoding: job.encoding,
  totalBytes: job.totalBytes,
  receivedBytes: job.receivedBytes,
  nextSeq: job.nextSeq,
  done: job.done,
  rows: job.rows,
  accepted: job.accepted,
  rejected: job.rejected,
  upserted: job.upserted,
  modified: job.modified,
  errors: job.rejectedRows,
});

export async function startImport(deps: Deps, user: SessionUser, body: StartBody) {
  requireImporter(user);
  const job = await ImportJobs(deps.connection).create({
    actor: accountIdOf(user),
    kind: body.kind,
    format: body.format,
    totalBytes: body.totalBytes,
    createdAt: deps.clock.now(),
  });
  return view(job.toObject());
}

const linesIn = (bytes: Buffer) => bytes.reduce((count, byte) => count + (byte === NEWLINE ? 1 : 0), 0);

/**
 * One chunk of whole lines, in order. It goes through the same streaming import as the CLI (each
 * request holds one chunk, so a file of any size runs in bounded memory); a CSV chunk after the
 * first is read under the first chunk's header. The job takes the chunk with one update
 * conditioned on `nextSeq`, so a retried chunk is answered with the report as it stands and never
 * counted twice; its rows were upserts on natural keys, so writing them again changed nothing.
 */
export async function sendImportChunk(deps: Deps, user: SessionUser, id: string, body: ChunkBody) {
  requireImporter(user);
  const jobs = ImportJobs(deps.connection);
  const job = await jobs.findOne({ _id: oid(id), actor: accountIdOf(user) }).lean();
  if (!job) throw problem('NOT_FOUND');
  if (body.seq < job.nextSeq) return view(job);
  if (body.seq > job.nextSeq || job.done) throw problem('IMPORT_CHUNK_OUT_OF_ORDER');

  const bytes = Buffer.from(body.data, 'base64');
  const first = body.seq === 0;
  const header =
    job.format === 'csv' && first ? bytes.subarray(0, bytes.indexOf(NEWLINE) + 1).toString('base64') : job.header;
  const piece = job.format === 'csv' && !first ? Buffer.concat([Buffer.from(header ?? '', 'base64'), bytes]) : bytes;
  // Lines of the file before this chunk; a later CSV chunk's line 1 is the repeated header.
  const lineOffset = job.format === 'csv' && !first ? job.lines - 1 : job.lines;
  let report;
  try {
    report = await importFile(deps, job.kind, Readable.from([piece]), { format: job.format, lineOffset });
  } catch (error) {
    if (error instanceof ImportFileError) throw problem('IMPORT_FILE_REFUSED', error.message);
    throw error;
  }
  const encoding = first ? report.encoding : report.encoding === 'gbk' ? 'gbk' : job.encoding;
  const taken = await jobs
    .findOneAndUpdate(
      { _id: job._id, nextSeq: body.seq },
      {
        $inc: {
          nextSeq: 1,
          receivedBytes: bytes.length,
          lines: linesIn(bytes),
          rows: report.rows,
          accepted: report.accepted,
          rejected: report.rejected,
          upserted: report.upserted,
          modified: report.modified,
        },
        $set: { header, encoding, done: body.last },
        $push: { rejectedRows: { $each: report.errors, $slice: MAX_LISTED_ERRORS } },
      },
      { new: true },
    )
    .lean();
  // Another request took this chunk meanwhile (a retry racing the original): its counts stand.
  return view(taken ?? (await jobs.findById(job._id).lean())!);
}
