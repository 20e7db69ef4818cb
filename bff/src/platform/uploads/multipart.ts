import busboy from 'busboy';
import type { Context } from 'koa';
import type { OperationSpec } from '@warmcity/shared';
import { problem } from '../problem';

type Multipart = NonNullable<OperationSpec['multipart']>;

// Room for the part headers and boundaries around a file of exactly the limit.
const ENVELOPE_BYTES = 16 * 1024;

// Cuts the connection after the answer, so a client still sending a body we refused cannot keep
// us reading it.
const tooLarge = () => problem('UPLOAD_TOO_LARGE', undefined, { headers: { Connection: 'close' } });

/**
 * The one file of a `multipart/form-data` request, read into memory up to `spec.maxBytes`.
 * Over the limit is a 413 and the rest of the body is not read; no file, a second file or a file
 * under another field name is a 400. Other form fields are ignored.
 */
export async function readSingleFile(ctx: Context, spec: Multipart): Promise<Buffer> {
  if (Number(ctx.get('Content-Length') || 0) > spec.maxBytes + ENVELOPE_BYTES) throw tooLarge();
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: ctx.req.headers,
      limits: { files: 1, fileSize: spec.maxBytes, fields: 20, fieldSize: 4096, parts: 21 },
    });
  } catch {
    // No boundary, or not multipart after all.
    throw problem('UPLOAD_FILE_MISSING');
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let files = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      ctx.req.unpipe(parser);
      reject(error);
    };
    parser.on('file', (field, stream) => {
      files += 1;
      if (field !== spec.file || files > 1) {
        stream.resume();
        return fail(problem('UPLOAD_FILE_MISSING'));
      }
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(tooLarge()));
    });
    parser.on('filesLimit', () => fail(problem('UPLOAD_FILE_MISSING')));
    parser.on('partsLimit', () => fail(problem('UPLOAD_FILE_MISSING')));
    parser.on('error', () => fail(problem('UPLOAD_FILE_MISSING')));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      if (files !== 1 || chunks.length === 0) reject(problem('UPLOAD_FILE_MISSING'));
      else resolve(Buffer.concat(chunks));
    });
    ctx.req.on('aborted', () => fail(problem('UPLOAD_FILE_MISSING')));
    ctx.req.pipe(parser);
  });
}
