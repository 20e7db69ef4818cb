import { crc32 } from 'node:zlib';
import { serialize, type Document } from 'bson';
import { decodeDocument } from '../bson/numbers';

// A record is [length u32][crc32 u32][BSON]. A crash can leave a torn last record; the checksum
// tells a torn or garbage tail from a complete record, and replay stops there.
const HEAD = 8;

export function encodeRecord(doc: Document): Buffer {
  const body = serialize(doc);
  const head = Buffer.allocUnsafe(HEAD);
  head.writeUInt32LE(body.length, 0);
  head.writeUInt32LE(crc32(body), 4);
  return Buffer.concat([head, body]);
}

/** Complete records in `buf`, and the byte offset where the valid prefix ends. */
export function decodeRecords(buf: Buffer): { records: Document[]; validLength: number } {
  const records: Document[] = [];
  let offset = 0;
  while (offset + HEAD <= buf.length) {
    const length = buf.readUInt32LE(offset);
    const end = offset + HEAD + length;
    if (length < 5 || end > buf.length) break;
    const body = buf.subarray(offset + HEAD, end);
    if (crc32(body) !== buf.readUInt32LE(offset + 4)) break;
    try {
      records.push(decodeDocument(body));
    } catch {
      break;
    }
    offset = end;
  }
  return { records, validLength: offset };
}
