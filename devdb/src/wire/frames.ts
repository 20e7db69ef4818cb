/** mongod's limit; the driver never sends more, so anything larger is garbage or hostile. */
const MAX_MESSAGE_SIZE = 48_000_000;
const HEADER_SIZE = 16;

export class ProtocolError extends Error {}

/** Reassembles length-prefixed wire messages from TCP chunks. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    while (this.buffered >= 4) {
      const head = this.chunks.length === 1 ? this.chunks[0]! : this.concat();
      const length = head.readInt32LE(0);
      if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE)
        throw new ProtocolError(`invalid message length ${length}`);
      if (this.buffered < length) break;
      frames.push(head.subarray(0, length));
      const rest = head.subarray(length);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
    }
    return frames;
  }

  private concat(): Buffer {
    const all = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
    return all;
  }
}
