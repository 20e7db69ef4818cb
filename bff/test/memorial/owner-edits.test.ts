import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_GALLERY_PHOTOS } from '@warmcity/shared/api/memorial-stories';
import { Memorials } from '../../src/features/memorial/memorial.model';
import { Uploads } from '../../src/platform/uploads/upload.model';
import { uploadPhoto } from '../support/uploads';
import { base, memorialBody, startMemorialApp, type MemorialTestApp } from './support';

let app: MemorialTestApp;
let owner: string;
let relative: string;
let family: { id: string; code: string };
let open: { id: string; code: string };

const upload = (token: string) => uploadPhoto(app, token, '#806040');
const edit = (token: string, id: string, body: unknown) =>
  app.request('PATCH', `${base}/memorials/${id}`, { token, body });
const addPhotos = (token: string, id: string, photos: string[]) =>
  app.post(token, `/memorials/${id}/gallery`, { photos });
const photoStatus = async (url: string, token?: string) =>
  (await app.request('GET', url, token ? { token } : {})).status;
const stored = (id: string) => Memorials(app.connection).findById(id).lean();
const attachedTo = async (uploadId: string) => (await Uploads(app.connection).findById(uploadId).lean())?.attachedTo;

beforeAll(async () => {
  app = await startMemorialApp();
  owner = app.resident();
  relative = app.resident();
  family = await app.createMemorial(owner, { visibility: 'family' });
  open = await app.createMemorial(owner, { visibility: 'public' });
  const invite = await app.post(owner, `/memorials/${family.id}/invites`);
  const joined = await app.post(relative, '/invites/accept', { code: invite.body.code });
  expect(joined.status, joined.text).toBe(200);
});
afterAll(() => app?.close());

describe('the owner edits the biography and the way-finding note', () => {
  it('goes live at once on the approved memorial, for every viewer', async () => {
    const edited = await edit(owner, open.id, {
      biography: '他种了一辈子杨梅。\n乡亲们都记得他。',
      wayfinding: '西门进，左手第二排。',
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.biography).toBe('他种了一辈子杨梅。\n乡亲们都记得他。');
    const seen = await app.request('GET', `${base}/codes/${open.code}`);
    expect(seen.body.biography).toBe('他种了一辈子杨梅。\n乡亲们都记得他。');
    expect(seen.body.plot.wayfinding).toBe('西门进，左手第二排。');
    expect(seen.body.status).toBe('approved');
  });

  it('an empty way-finding note removes it; an empty biography clears it', async () => {
    const edited = await edit(owner, open.id, { wayfinding: '', biography: '' });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.plot.wayfinding).toBeUndefined();
    expect(edited.body.biography).toBe('');
  });

  it.each([
    ['a stranger', () => app.resident()],
    ['a relative', () => relative],
    ['the cemetery staff', () => app.staff],
  ])('%s gets 404 and nothing changes', async (_, who) => {
    const before = await stored(family.id);
    const photo = await upload(who());
    for (const refused of [
      await edit(who(), family.id, { biography: '改写' }),
      await edit(who(), family.id, { portrait: photo }),
      await addPhotos(who(), family.id, [photo]),
      await app.request('DELETE', `${base}/memorials/${family.id}/gallery/${photo}`, { token: who() }),
    ]) {
      expect(refused.status, refused.text).toBe(404);
      expect(refused.body.code).toBe('NOT_FOUND');
    }
    expect(await stored(family.id)).toEqual(before);
    expect(await attachedTo(photo)).toBeNull();
  });

  it.each([
    ['an empty body', {}],
    ['an unknown key', { biography: '好', status: 'approved' }],
    ['an operator object', { biography: { $set: 'x' } }],
    ['an oversized biography', { biography: '长'.repeat(5001) }],
    ['an oversized way-finding note', { wayfinding: '路'.repeat(201) }],
    ['a portrait that is not an upload id', { portrait: 'https://example.com/a.jpg' }],
    ['a control character', { biography: 'a\u0007b' }],
  ])('%s is a 400 problem and stores nothing', async (_, body) => {
    const before = await app.countDocuments();
    const memorial = await stored(family.id);
    const refused = await edit(owner, family.id, body);
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(await app.countDocuments()).toEqual(before);
    expect(await stored(family.id)).toEqual(memorial);
  });
});

describe('the portrait', () => {
  it('is an upload, seen on a family memorial only by its owner, relatives and staff', async () => {
    const photo = await upload(owner);
    const edited = await edit(owner, family.id, { portrait: photo });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.portraitUrl).toBe(`/api/uploads/${photo}`);
    expect(await attachedTo(photo)).toEqual({ feature: 'memorial', id: family.id });
    const url = edited.body.portraitUrl as string;
    expect(await photoStatus(url, owner)).toBe(200);
    expect(await photoStatus(url, relative)).toBe(200);
    expect(await photoStatus(url, app.staff)).toBe(200);
    expect(await photoStatus(url, app.resident())).toBe(404);
    expect(await photoStatus(url)).toBe(404);
    expect(await photoStatus(url, app.otherStaff)).toBe(404);
  });

  it('on a public memorial is anyone’s to see, signed in or not', async () => {
    const photo = await upload(owner);
    const edited = await edit(owner, open.id, { portrait: photo });
    expect(await photoStatus(edited.body.portraitUrl)).toBe(200);
    expect(await photoStatus(edited.body.portraitUrl, app.resident())).toBe(200);
  });

  it('a replaced portrait is given back to its uploader, and nobody else sees it', async () => {
    const first = await upload(owner);
    const second = await upload(owner);
    await edit(owner, open.id, { portrait: first });
    const replaced = await edit(owner, open.id, { portrait: second });
    expect(replaced.body.portraitUrl).toBe(`/api/uploads/${second}`);
    expect(await attachedTo(first)).toBeNull();
    expect(await photoStatus(`/api/uploads/${first}`)).toBe(404);
    const removed = await edit(owner, open.id, { portrait: null });
    expect(removed.body.portraitUrl).toBeNull();
    expect(await attachedTo(second)).toBeNull();
  });

  it('before approval only the owner and the cemetery’s staff see it, even on a public memorial', async () => {
    const created = await app.post(owner, '/memorials', memorialBody(app.cemeteryId, { visibility: 'public' }));
    const photo = await upload(owner);
    const edited = await edit(owner, created.body.id, { portrait: photo });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.status).toBe('pending');
    expect(await photoStatus(edited.body.portraitUrl, app.staff)).toBe(200);
    expect(await photoStatus(edited.body.portraitUrl, app.resident())).toBe(404);
    expect(await photoStatus(edited.body.portraitUrl)).toBe(404);
  });

  it('someone else’s upload is refused with UPLOAD_NOT_FOUND and nothing changes', async () => {
    const foreign = await upload(app.resident());
    const before = await stored(family.id);
    const refused = await edit(owner, family.id, { portrait: foreign, biography: '不应写入' });
    expect(refused.status, refused.text).toBe(404);
    expect(refused.body.code).toBe('UPLOAD_NOT_FOUND');
    expect(await stored(family.id)).toEqual(before);
    expect(await attachedTo(foreign)).toBeNull();
  });
});

describe('the gallery', () => {
  it('is shown on the memorial page, in order, and a family one only to the family', async () => {
    const photos = [await upload(owner), await upload(owner)];
    const added = await addPhotos(owner, family.id, photos);
    expect(added.status, added.text).toBe(200);
    expect(added.body.gallery).toEqual(photos.map((id) => `/api/uploads/${id}`));
    const seen = await app.request('GET', `${base}/memorials/${family.id}`, { token: relative });
    expect(seen.body.gallery).toEqual(added.body.gallery);
    expect(await photoStatus(added.body.gallery[0], relative)).toBe(200);
    expect(await photoStatus(added.body.gallery[0], app.resident())).toBe(404);
    expect(await photoStatus(added.body.gallery[0])).toBe(404);
  });

  it('a revoked relative can no longer fetch the photos', async () => {
    const leaving = app.resident();
    const invite = await app.post(owner, `/memorials/${family.id}/invites`);
    const joined = await app.post(leaving, '/invites/accept', { code: invite.body.code });
    const url = (joined.body.gallery as string[])[0]!;
    expect(await photoStatus(url, leaving)).toBe(200);
    const relatives = await app.request('GET', `${base}/memorials/${family.id}/relatives`, { token: owner });
    const row = (relatives.body.items as { id: string }[]).at(-1)!;
    expect(
      (await app.request('DELETE', `${base}/memorials/${family.id}/relatives/${row.id}`, { token: owner })).status,
    ).toBe(200);
    expect(await photoStatus(url, leaving)).toBe(404);
  });

  it(`holds at most ${MAX_GALLERY_PHOTOS} photos, exactly, under parallel additions`, async () => {
    const memorial = await app.createMemorial(owner, { visibility: 'link' });
    const photos = await Promise.all(Array.from({ length: MAX_GALLERY_PHOTOS + 4 }, () => upload(owner)));
    const answers = await Promise.all(photos.map((photo) => addPhotos(owner, memorial.id, [photo])));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(MAX_GALLERY_PHOTOS);
    expect(answers.filter((answer) => answer.body.code === 'GALLERY_FULL')).toHaveLength(4);
    const gallery = (await stored(memorial.id))!.gallery!;
    expect(gallery).toHaveLength(MAX_GALLERY_PHOTOS);
    const refused = photos.filter((photo) => !gallery.includes(photo));
    for (const photo of refused) expect(await attachedTo(photo)).toBeNull();
    // A link memorial's photos show to whoever was given the page, signed in or not.
    expect(await photoStatus(`/api/uploads/${gallery[0]}`)).toBe(200);
  });

  it('more than fit is refused whole: GALLERY_FULL, nothing attached', async () => {
    const memorial = await app.createMemorial(owner, { visibility: 'public' });
    const eleven = await Promise.all(Array.from({ length: MAX_GALLERY_PHOTOS - 1 }, () => upload(owner)));
    expect((await addPhotos(owner, memorial.id, eleven)).status).toBe(200);
    const two = [await upload(owner), await upload(owner)];
    const refused = await addPhotos(owner, memorial.id, two);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.code).toBe('GALLERY_FULL');
    expect((await stored(memorial.id))!.gallery).toEqual(eleven);
    for (const photo of two) expect(await attachedTo(photo)).toBeNull();
  });

  it.each([
    ['no photos', []],
    ['too many at once', Array.from({ length: MAX_GALLERY_PHOTOS + 1 }, (_, i) => i.toString(16).padStart(24, '0'))],
    ['an id that is not one', ['../../etc/passwd']],
  ])('%s is a 400 problem and stores nothing', async (_, photos) => {
    const before = await app.countDocuments();
    const refused = await addPhotos(owner, family.id, photos as string[]);
    expect(refused.status, refused.text).toBe(400);
    expect(await app.countDocuments()).toEqual(before);
  });

  it('a removed photo leaves the page and goes back to its uploader', async () => {
    const memorial = await app.createMemorial(owner, { visibility: 'public' });
    const [keep, drop] = [await upload(owner), await upload(owner)];
    await addPhotos(owner, memorial.id, [keep!, drop!]);
    const removed = await app.request('DELETE', `${base}/memorials/${memorial.id}/gallery/${drop}`, { token: owner });
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body.gallery).toEqual([`/api/uploads/${keep}`]);
    expect(await attachedTo(drop!)).toBeNull();
    expect(await photoStatus(`/api/uploads/${drop}`)).toBe(404);
    const again = await app.request('DELETE', `${base}/memorials/${memorial.id}/gallery/${drop}`, { token: owner });
    expect(again.status).toBe(404);
  });
});
