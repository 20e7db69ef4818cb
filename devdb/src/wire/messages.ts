import { serialize, type Document } from 'bson';
import { decodeDocument } from '../bson/numbers';
import { ProtocolError } from './frames';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;

const CHECKSUM_PRESENT = 1;
export const MORE_TO_COME = 2;

export type Request =
  | { kind: 'msg'; requestId: number; flags: number; command: Document }
  | { kind: 'query'; requestId: number; collection: string; command: Document };

function readCString(buf: Buffer, offset: number): [string, number] {
  const end = buf.indexOf(0, offset);
  if (end < 0) throw new ProtocolError('unterminated cstring');
  return [buf.toString('utf8', offset, end), end + 1];
}

function readDocument(buf: Buffer, offset: number, limit: number): [Document, number] {
  if (offset + 5 > limit) throw new ProtocolError('truncated document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > limit) throw new ProtocolError('invalid document size');
  try {
    return [decodeDocument(buf.subarray(offset, offset + size)), offset + size];
  } catch (e) {
    throw new ProtocolError(`invalid BSON: ${(e as Error).message}`);
  }
}

/** Decodes one frame; document sequences (kind 1) are folded into the command body like mongod does. */
export function decodeRequest(frame: Buffer): Request {
  const requestId = frame.readInt32LE(4);
  const opCode = frame.readInt32LE(12);
  if (opCode === OP_MSG) {
    const flags = frame.readUInt32LE(16);
    const end = flags & CHECKSUM_PRESENT ? frame.length - 4 : frame.length;
    let offset = 20;
    let command: Document | undefined;
    const sequences: Array<[string, Document[]]> = [];
    while (offset < end) {
      const kind = frame[offset++];
      if (kind === 0) {
        if (command) throw new ProtocolError('more than one body section');
        [command, offset] = readDocument(frame, offset, end);
      } else if (kind === 1) {
        const size = frame.readInt32LE(offset);
        const sectionEnd = offset + size;
        if (size < 5 || sectionEnd > end) throw new ProtocolError('invalid document sequence');
        let name: string;
        [name, offset] = readCString(frame, offset + 4);
        const docs: Document[] = [];
        while (offset < sectionEnd) {
          let doc: Document;
          [doc, offset] = readDocument(frame, offset, sectionEnd);
          docs.push(doc);
        }
        sequences.push([name, docs]);
      } else {
        throw new ProtocolError(`unknown section kind ${kind}`);
      }
    }
    if (!command) throw new ProtocolError('OP_MSG without a body');
    for (const [name, docs] of sequences) command[name] = docs;
    return { kind: 'msg', requestId, flags, command };
  }
  if (opCode === OP_QUERY) {
    const [collection, offset] = readCString(frame, 20);
    const [command] = readDocument(frame, offset + 8, frame.length);
    return { kind: 'query', requestId, collection, command };
  }
  throw new ProtocolError(`unsupported opCode ${opCode}`);
}

let nextRequestId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.allocUnsafe(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

const encodeBody = (doc: Document) => serialize(doc, { ignoreUndefined: true });

export function encodeMsg(responseTo: number, doc: Document): Buffer {
  const body = encodeBody(doc);
  const prefix = Buffer.alloc(5);
  return Buffer.concat([header(16 + 5 + body.length, responseTo, OP_MSG), prefix, body]);
}

export function encodeReply(responseTo: number, doc: Document): Buffer {
  const body = encodeBody(doc);
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(1, 16);
  return Buffer.concat([header(16 + 20 + body.length, responseTo, OP_REPLY), fields, body]);
}
