import Taro from '@tarojs/taro';

/** A batch file the clerk picked, read piece by piece so a file of a million rows never sits in
 * memory whole. */
export interface BatchFile {
  name: string;
  size: number;
  read(position: number, length: number): Promise<ArrayBuffer>;
}

function pickOnWeb(): Promise<BatchFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.jsonl,.ndjson,text/csv';
    input.onchange = () => {
      const file = input.files?.[0];
      resolve(
        file
          ? {
              name: file.name,
              size: file.size,
              read: (position, length) => file.slice(position, position + length).arrayBuffer(),
            }
          : null,
      );
    };
    input.click();
  });
}

async function pickInMiniProgram(): Promise<BatchFile | null> {
  // A mini-program reaches files only through a chat (the clerk sends the file to themselves).
  const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'jsonl', 'ndjson'] }).catch(
    () => null,
  );
  const file = chosen?.tempFiles[0];
  if (!file) return null;
  const fs = Taro.getFileSystemManager();
  return {
    name: file.name,
    size: file.size,
    read: (position, length) =>
      new Promise((resolve, reject) =>
        fs.readFile({
          filePath: file.path,
          position,
          length: Math.min(length, file.size - position),
          success: (r) => resolve(r.data as ArrayBuffer),
          fail: reject,
        }),
      ),
  };
}

export const pickBatchFile = () => (process.env.TARO_ENV === 'h5' ? pickOnWeb() : pickInMiniProgram());

const NEWLINE = 0x0a;

/**
 * The file as chunks of whole lines of at most `max` bytes (the contract's IMPORT_CHUNK_BYTES):
 * each is cut after its last newline, so no row and no GBK or UTF-8 character is split (a newline
 * byte is never part of a multi-byte character in either).
 */
export async function* wholeLineChunks(file: BatchFile, max: number): AsyncGenerator<Uint8Array> {
  let position = 0;
  while (position < file.size) {
    const window = new Uint8Array(await file.read(position, max));
    const end = position + window.length >= file.size ? window.length : window.lastIndexOf(NEWLINE) + 1;
    if (end === 0) throw new Error('LINE_TOO_LONG');
    position += end;
    yield window.subarray(0, end);
  }
}
