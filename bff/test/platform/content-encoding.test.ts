import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { testOperations, testRoutes } from '../support/test-operations';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ extraOperations: testOperations, extraRoutes: testRoutes() });
});
afterAll(() => app.close());

let keys = 0;
async function post(encoding: string, body: Uint8Array | string) {
  const { token } = app.signIn();
  const response = await fetch(`${app.url}/api/test/notes`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-encoding': encoding,
      'idempotency-key': `encoding-${(keys += 1)}-key`,
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as { code?: string; text?: string } };
}

const note = JSON.stringify({ text: 'hello' });

describe('Content-Encoding of a request body', () => {
  it.each([
    ['gzip', gzipSync(note)],
    ['br', brotliCompressSync(note)],
  ])('a %s body that decodes is read as JSON', async (encoding, bytes) => {
    const response = await post(encoding, bytes);
    expect(response.status).toBe(201);
    expect(response.body.text).toBe('hello');
  });

  it.each(['compress', 'zstd', 'gzip, br', 'x-unknown'])('%j → 415 UNSUPPORTED_MEDIA_TYPE', async (encoding) => {
    expect(await post(encoding, note)).toEqual({
      status: 415,
      body: expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }),
    });
  });

  it.each(['gzip', 'deflate', 'br'])('a body that is not %s → 400 UNDECODABLE_BODY', async (encoding) => {
    expect(await post(encoding, note)).toEqual({
      status: 400,
      body: expect.objectContaining({ code: 'UNDECODABLE_BODY' }),
    });
  });

  it('a truncated gzip body → 400 UNDECODABLE_BODY', async () => {
    const bytes = gzipSync(note);
    expect(await post('gzip', bytes.subarray(0, bytes.length - 6))).toEqual({
      status: 400,
      body: expect.objectContaining({ code: 'UNDECODABLE_BODY' }),
    });
  });
});
