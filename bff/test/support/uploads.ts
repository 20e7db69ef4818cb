import sharp from 'sharp';
import { expect } from 'vitest';

/** Uploads a small generated JPEG as `token` through the real endpoint and answers its id. */
export async function uploadPhoto(app: { url: string }, token: string, background = '#3060c0'): Promise<string> {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background } })
    .jpeg()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg');
  const response = await fetch(`${app.url}/api/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}
