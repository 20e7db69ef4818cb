import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { Cemeteries } from '../../src/features/memorial/cemetery.model';
import { startTestApp, type TestApp, type TestAppOptions, type TestResponse } from '../support/app';

export { newObjectId } from '../support/app';
export const base = '/api/memorial';

export interface MemorialTestApp extends TestApp {
  cemeteryId: string;
  otherCemeteryId: string;
  /** Staff of `cemeteryId`. */
  staff: string;
  /** Staff of `otherCemeteryId` only. */
  otherStaff: string;
  resident(): string;
  post(token: string, path: string, body?: unknown): Promise<TestResponse>;
  /** A memorial created by `owner` and approved by staff. */
  createMemorial(owner: string, overrides?: Record<string, unknown>): Promise<{ id: string; code: string }>;
  tribute(token: string, code: string, body: unknown): Promise<TestResponse>;
}

export const memorialBody = (cemeteryId: string, overrides: Record<string, unknown> = {}) => ({
  cemeteryId,
  name: '林远山',
  birthDate: '1931-03-02',
  deathDate: '2019-11-20',
  biography: '一生务农，种了一辈子杨梅。',
  plot: { area: '松区', row: '3', number: '12', wayfinding: '东门进，主道右手第三排。' },
  visibility: 'family',
  relation: '孙子',
  certificateNumber: 'SH-2019-0312',
  ...overrides,
});

export async function startMemorialApp(options: TestAppOptions = {}): Promise<MemorialTestApp> {
  const app = await startTestApp(options);
  const [cemetery, other] = await Cemeteries(app.connection).create([
    { name: '松鹤陵园', address: '平阳县昆阳镇' },
    { name: '忠烈园', address: '平阳县昆阳镇' },
  ]);
  const cemeteryId = cemetery!._id.toHexString();
  const otherCemeteryId = other!._id.toHexString();
  const staff = app.signIn('staff', [`cemetery:${cemeteryId}`]).token;
  const otherStaff = app.signIn('staff', [`cemetery:${otherCemeteryId}`]).token;
  const post = (token: string, path: string, body?: unknown) =>
    app.request('POST', `${base}${path}`, {
      token,
      ...(body === undefined ? {} : { body }),
      headers: { 'idempotency-key': randomUUID() },
    });
  return {
    ...app,
    cemeteryId,
    otherCemeteryId,
    staff,
    otherStaff,
    resident: () => app.signIn('resident').token,
    post,
    async createMemorial(owner, overrides = {}) {
      const created = await post(owner, '/memorials', memorialBody(cemeteryId, overrides));
      expect(created.status, created.text).toBe(201);
      const approved = await post(staff, `/staff/memorials/${created.body.id}/review`, { decision: 'approve' });
      expect(approved.body.status, approved.text).toBe('approved');
      return { id: created.body.id, code: created.body.code };
    },
    tribute: (token, code, body) => post(token, `/codes/${code}/tributes`, body),
  };
}
