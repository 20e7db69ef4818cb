import sharp from 'sharp';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { UPLOAD_MAX_BYTES } from '@warmcity/shared/api/uploads';
import { defineFeature } from '../../src/platform/feature';
import { attachUploads } from '../../src/platform/uploads/attach';
import { UNATTACHED_LIFETIME_MS, unattachedUploadSweep } from '../../src/platform/uploads/sweeper';
import { bytesOf, Uploads } from '../../src/platform/uploads/upload.model';
import { startNextWindow, startTestApp, type TestApp } from '../support/app';

// A feature that shows its attached photos to staff only, standing in for charging's reports.
const staffOnly = defineFeature({
  name: 'test-reports',
  routes: [],
  uploads: { canView: async (_deps, { viewer }) => viewer?.roles.includes('staff') ?? false },
});

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ extraFeatures: [staffOnly] });
});
afterAll(() => app.close());

const SECRET = 'WARMCITY-SECRET-CAMERA';

/** A camera photo as phones write it: EXIF with a description and a GPS position. */
const jpegWithGps = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#c04020' } })
    .jpeg()
    .withExif({
      IFD0: { ImageDescription: SECRET },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 10/1 0/1' },
    })
    .toBuffer();
const png = () =>
  sharp({ create: { width: 20, height: 10, channels: 4, background: '#00000000' } })
    .png()
    .toBuffer();

async function upload(token: string | undefined, bytes: Buffer | string, name = 'photo.jpg', type = 'image/jpeg') {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  const response = await fetch(`${app.url}/api/uploads`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  const text = await response.text();
  app.responses.push(text);
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
}

const stored = async (id: unknown) => Uploads(app.connection).findById(id).lean();
const count = async () => (await app.countDocuments()).uploads ?? 0;

/** Sends an upload that must be refused with `status` and `code`, and proves nothing was stored. */
async function expectRefused(token: string | undefined, bytes: Buffer | string, status: number, code: string) {
  const before = await count();
  const answer = await upload(token, bytes);
  expect(answer.status).toBe(status);
  expect(answer.body.code).toBe(code);
  expect(await count()).toBe(before);
}

describe('uploading a photo', () => {
  it('stores a JPEG re-encoded without its EXIF: GPS and camera text are gone from the bytes', async () => {
    const { token, user } = app.signIn();
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.includes(SECRET)).toBe(true);

    const { status, body } = await upload(token, original);

    expect(status).toBe(201);
    expect(body).toMatchObject({ mime: 'image/jpeg', width: 64, height: 48 });
    const doc = await stored(body.id);
    const bytes = bytesOf(doc!.data);
    expect(doc).toMatchObject({ owner: new Types.ObjectId(user.id), attachedTo: null, size: bytes.length });
    expect(body.size).toBe(bytes.length);
    const metadata = await sharp(bytes).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.format).toBe('jpeg');
    expect(bytes.includes(SECRET)).toBe(false);
    expect(bytes.includes('Exif\0\0')).toBe(false);
  });

  it('stores a PNG as a PNG, whatever name and type the client claimed', async () => {
    const { token } = app.signIn();
    const { status, body } = await upload(token, await png(), 'scan.pdf', 'application/pdf');
    expect(status).toBe(201);
    expect(body).toMatchObject({ mime: 'image/png', width: 20, height: 10 });
  });

  it.each([
    ['a PDF', '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'],
    ['an HTML page', '<!doctype html><script>alert(1)</script>'],
    ['an SVG', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['a JPEG header over garbage', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)])],
  ])('refuses %s named .jpg and declared image/jpeg, storing nothing', async (_what, bytes) => {
    await expectRefused(app.signIn().token, bytes, 415, 'UPLOAD_NOT_AN_IMAGE');
  });

  it('refuses a file over 5 MB with 413, storing nothing', async () => {
    const big = Buffer.concat([await jpegWithGps(), Buffer.alloc(UPLOAD_MAX_BYTES, 1)]);
    await expectRefused(app.signIn().token, big, 413, 'UPLOAD_TOO_LARGE');
  });

  it('refuses an oversized file sent without Content-Length (chunked) once the limit is passed', async () => {
    const { token } = app.signIn();
    const before = await count();
    const form = new FormData();
    form.append(
      'file',
      new Blob([await jpegWithGps(), Buffer.alloc(UPLOAD_MAX_BYTES, 1)], { type: 'image/jpeg' }),
      'a.jpg',
    );
    const encoded = new Response(form);
    const response = await fetch(`${app.url}/api/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': encoded.headers.get('content-type')! },
      body: encoded.body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string }).code).toBe('UPLOAD_TOO_LARGE');
    expect(await count()).toBe(before);
  });

  it('refuses a form without the file field, and a JSON body', async () => {
    const { token } = app.signIn();
    const form = new FormData();
    form.append('photo', new Blob([await png()]), 'a.png');
    const other = await fetch(`${app.url}/api/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(other.status).toBe(400);
    expect(((await other.json()) as { code: string }).code).toBe('UPLOAD_FILE_MISSING');
    const json = await app.request('POST', '/api/uploads', { token, body: { file: 'x' } });
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses an anonymous upload with 401', async () => {
    await expectRefused(undefined, await png(), 401, 'UNAUTHENTICATED');
  });

  it('limits uploads per account per hour', async () => {
    startNextWindow(app.clock, 3600_000);
    const { token } = app.signIn();
    const bytes = await png();
    for (let i = 0; i < 60; i += 1) expect((await upload(token, bytes)).status).toBe(201);
    const refused = await upload(token, bytes);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    // Another account is not held up by the first.
    expect((await upload(app.signIn().token, bytes)).status).toBe(201);
  });
});

describe('viewing and attaching', () => {
  it('answers the uploader the bytes with their sniffed type, nosniff, our own filename and cache headers', async () => {
    const { token } = app.signIn();
    const { body } = await upload(token, await png(), '"><script>.png');
    const response = await fetch(`${app.url}/api/uploads/${String(body.id)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="${String(body.id)}.png"`);
    expect(response.headers.get('cache-control')).toBe('private, max-age=86400, immutable');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(bytesOf((await stored(body.id))!.data))).toBe(true);
  });

  it("answers another user's unattached upload, and an anonymous caller, like a missing one", async () => {
    const { body } = await upload(app.signIn().token, await png());
    const other = await app.request('GET', `/api/uploads/${String(body.id)}`, { token: app.signIn().token });
    const anonymous = await app.request('GET', `/api/uploads/${String(body.id)}`);
    const missing = await app.request('GET', `/api/uploads/${new Types.ObjectId().toHexString()}`, {
      token: app.signIn().token,
    });
    for (const answer of [other, anonymous, missing]) {
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('NOT_FOUND');
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('attaches once: a second attach, or another owner, is refused; the feature hook then decides who sees it', async () => {
    const ann = app.signIn();
    const bob = app.signIn();
    const [first, second] = await Promise.all([upload(ann.token, await png()), upload(ann.token, await png())]);
    const ids = [String(first.body.id), String(second.body.id)];
    const to = { feature: 'test-reports', id: 'report-1' };

    await expect(attachUploads(app.deps, { owner: new Types.ObjectId(bob.user.id), ids, to })).rejects.toMatchObject({
      code: 'UPLOAD_NOT_FOUND',
    });
    await attachUploads(app.deps, { owner: new Types.ObjectId(ann.user.id), ids, to });
    await expect(
      attachUploads(app.deps, {
        owner: new Types.ObjectId(ann.user.id),
        ids: [ids[0]!],
        to: { ...to, id: 'report-2' },
      }),
    ).rejects.toMatchObject({ code: 'UPLOAD_NOT_FOUND' });
    expect((await stored(ids[0]))!.attachedTo).toEqual(to);

    const staff = app.signIn('staff');
    expect((await app.request('GET', `/api/uploads/${ids[0]}`, { token: staff.token })).status).toBe(200);
    expect((await app.request('GET', `/api/uploads/${ids[0]}`, { token: ann.token })).status).toBe(200);
    expect((await app.request('GET', `/api/uploads/${ids[0]}`, { token: bob.token })).status).toBe(404);
    expect((await app.request('GET', `/api/uploads/${ids[0]}`)).status).toBe(404);
  });

  it('a refused id gives back the ids attached before it in the same call', async () => {
    const ann = app.signIn();
    const mine = await upload(ann.token, await png());
    const theirs = await upload(app.signIn().token, await png());
    const ids = [String(mine.body.id), String(theirs.body.id)];
    await expect(
      attachUploads(app.deps, {
        owner: new Types.ObjectId(ann.user.id),
        ids,
        to: { feature: 'test-reports', id: 'r' },
      }),
    ).rejects.toMatchObject({ code: 'UPLOAD_NOT_FOUND' });
    expect((await stored(ids[0]))!.attachedTo).toBeNull();
  });

  it('concurrent attaches of one upload to two objects: exactly one wins', async () => {
    const ann = app.signIn();
    const { body } = await upload(ann.token, await png());
    const owner = new Types.ObjectId(ann.user.id);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        attachUploads(app.deps, { owner, ids: [String(body.id)], to: { feature: 'test-reports', id: `r${i}` } }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  });

  it('sweeps unattached uploads older than a day and keeps attached ones', async () => {
    const ann = app.signIn();
    const bytes = await png();
    const [kept, dropped] = await Promise.all([upload(ann.token, bytes), upload(ann.token, bytes)]);
    await attachUploads(app.deps, {
      owner: new Types.ObjectId(ann.user.id),
      ids: [String(kept.body.id)],
      to: { feature: 'test-reports', id: 'kept' },
    });
    app.clock.advance(UNATTACHED_LIFETIME_MS + 1000);
    onTestFinished(() => app.clock.reset());
    const fresh = await upload(ann.token, bytes);

    await unattachedUploadSweep.tick(app.deps);

    expect(await stored(dropped.body.id)).toBeNull();
    expect(await stored(kept.body.id)).not.toBeNull();
    expect(await stored(fresh.body.id)).not.toBeNull();
  });
});
