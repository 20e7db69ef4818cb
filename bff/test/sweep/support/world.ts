import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { expect } from 'vitest';
import { lifeStoryEnvFor, startLifeStoryFake, type LifeStoryFake } from '../../../../scripts/fakes/life-story';
import type { StaffScope } from '@warmcity/shared/api/accounts';
import { upsertDevAccount } from '../../../src/features/accounts/tasks';
import { Cemeteries } from '../../../src/features/memorial/cemetery.model';
import { ServicePackages } from '../../../src/features/memorial/service-package.model';
import { Schools } from '../../../src/features/parent-school/school.model';
import { notify } from '../../../src/platform/notifications/notify';
import { signAccessToken } from '../../../src/platform/session';
import { resident, syntheticIdNumber } from '../../insurance/support';
import { standingClock, startTestApp, type TestApp } from '../../support/app';
import { uploadPhoto } from '../../support/uploads';
import { siteWithPort } from './site';

// 10:00 China time on Saturday 20 March 2027, standing still: every date the world writes is
// relative to it.
export const NOW = new Date('2027-03-20T02:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * One app where resident A owns one object of every kind, and staff A operates one school,
 * charging site, cemetery (and its funeral agency) and service hall. Resident B and staff B
 * (scoped to a second school, site, cemetery and hall) are the strangers the sweep sends in.
 * Everything is made through the features' own routes, or their seeding tasks where staff
 * tooling has no route (schools, cemeteries, sites, packages).
 */
export interface World {
  app: TestApp;
  residentA: string;
  residentB: string;
  staffA: string;
  staffB: string;
  ids: Record<string, string>;
  /** Every request that built the world, with its idempotency key and answer. */
  calls: WorldCall[];
  close(): Promise<void>;
}

export interface WorldCall {
  method: string;
  path: string;
  key: string;
  body: unknown;
  text: string;
}

export async function buildWorld(): Promise<World> {
  const fake: LifeStoryFake = await startLifeStoryFake();
  const app = await startTestApp({ clock: standingClock(NOW), env: lifeStoryEnvFor(fake) });
  const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
  const ids: Record<string, string> = {};

  const calls: WorldCall[] = [];
  const call = async (token: string, method: string, path: string, body?: unknown, status = [200, 201]) => {
    const key = randomUUID();
    const response = await app.request(method, path, {
      token,
      ...(body === undefined ? {} : { body }),
      headers: { 'idempotency-key': key },
    });
    expect(status, `world: ${method} ${path}: ${response.text}`).toContain(response.status);
    calls.push({ method, path, key, body, text: response.text });
    return response.body;
  };

  const [schoolA, schoolB] = await Schools(app.connection).create([
    { name: '绍兴市第一初级中学', district: '越城区' },
    { name: '绍兴市建功中学', district: '越城区' },
  ]);
  const [cemeteryA, cemeteryB] = await Cemeteries(app.connection).create([
    { name: '松鹤陵园', address: '平阳县昆阳镇' },
    { name: '忠烈园', address: '平阳县昆阳镇' },
  ]);
  ids.school = schoolA!.id;
  ids.cemetery = cemeteryA!.id;
  const site = (name: string) =>
    siteWithPort(app.connection, app.config, NOW, { name, code: name.endsWith('A') ? 'K7M2P9X4' : 'K7M2P9X5' });
  const siteA = await site('头陀镇充电站A');
  const siteB = await site('头陀镇充电站B');
  ids.site = siteA.siteId;
  ids.port = siteA.portId;
  ids.portCode = siteA.code;

  const scopesOf = (school: string, siteId: string, cemetery: string, hall: string) => [
    `school:${school}`,
    `charging-site:${siteId}`,
    `cemetery:${cemetery}`,
    `agency:${cemetery}`,
    `service-hall:${hall}`,
  ];
  ids.hall = new Types.ObjectId().toHexString();
  // Staff with accounts of their own, as the dev sign-in makes them, so routes that read the
  // caller's account answer them as they would a real staff member.
  const staffMember = async (code: string, scopes: string[]) => {
    const id = new Types.ObjectId().toHexString();
    const staffScopes = scopes.map((scope) => {
      const [kind, scopeId] = scope.split(':') as [StaffScope['kind'], string];
      return { kind, id: scopeId };
    });
    await upsertDevAccount(app.connection, { id, code, label: code, roles: ['resident', 'staff'], staffScopes }, NOW);
    return signAccessToken(app.config, { id, roles: ['resident', 'staff'], scopes });
  };
  const staffA = await staffMember('sweep-staff-a', scopesOf(ids.school, siteA.siteId, ids.cemetery, ids.hall));
  const staffB = await staffMember(
    'sweep-staff-b',
    scopesOf(schoolB!.id, siteB.siteId, cemeteryB!.id, new Types.ObjectId().toHexString()),
  );
  const a = await resident(app, '林国华');
  const b = await resident(app, '王建国');
  const spouse = await resident(app, '李晓梅');
  const relative = app.signIn('resident').token;
  ids.accountA = a.accountId;

  // 家长学校: a venue, a course, a session tomorrow; A books it and follows the course.
  const ps = '/api/parent-school';
  ids.venue = (
    await call(staffA, 'POST', `${ps}/staff/venues`, {
      schoolId: ids.school,
      name: '东门广场',
      address: '越城区胜利东路1号',
    })
  ).id;
  ids.course = (
    await call(staffA, 'POST', `${ps}/staff/courses`, {
      schoolId: ids.school,
      title: '如何激发孩子的学习动力',
      summary: '三十分钟，聊聊孩子为什么不想学。',
      speaker: '王老师',
      durationMinutes: 30,
    })
  ).id;
  ids.session = (
    await call(staffA, 'POST', `${ps}/staff/sessions`, {
      courseId: ids.course,
      venueId: ids.venue,
      startsAt: at(DAY),
      capacity: 50,
    })
  ).id;
  ids.booking = (await call(a.token, 'POST', `${ps}/bookings`, { sessionId: ids.session })).id;
  ids.subscription = (
    await call(a.token, 'POST', `${ps}/subscriptions`, { target: 'course', targetId: ids.course })
  ).id;

  // 充电: A holds a reservation and has reported unsafe charging.
  const ch = '/api/charging';
  ids.charge = (await call(a.token, 'POST', `${ch}/charges`, { siteId: ids.site })).id;
  ids.report = (
    await call(a.token, 'POST', `${ch}/reports`, {
      siteId: ids.site,
      kind: 'dangling_wire',
      place: '3号楼北侧',
      description: '有人从二楼窗口拉线下来充电。',
    })
  ).id;

  // 云祭扫: A's family memorial with a relative, a held message, a visit, a paid order, a notice,
  // a gallery photo and a life-story draft; staff A's campaign at the cemetery.
  const mm = '/api/memorial';
  const memorialBody = (name: string, certificateNumber: string) => ({
    cemeteryId: ids.cemetery,
    name,
    birthDate: '1931-03-02',
    deathDate: '2019-11-20',
    biography: '一生务农，种了一辈子杨梅。',
    plot: { area: '松区', row: '3', number: '12', wayfinding: '东门进，主道右手第三排。' },
    visibility: 'family',
    relation: '孙子',
    certificateNumber,
  });
  const created = await call(a.token, 'POST', `${mm}/memorials`, memorialBody('林远山', 'SH-2019-0312'));
  ids.memorial = created.id;
  ids.code = created.code;
  await call(staffA, 'POST', `${mm}/staff/memorials/${ids.memorial}/review`, { decision: 'approve' });
  // A second one left pending, for staff review routes.
  ids.pendingMemorial = (await call(a.token, 'POST', `${mm}/memorials`, memorialBody('林远水', 'SH-2019-0313'))).id;
  const invite = await call(a.token, 'POST', `${mm}/memorials/${ids.memorial}/invites`);
  await call(relative, 'POST', `${mm}/invites/accept`, { code: invite.code });
  const relatives = await call(a.token, 'GET', `${mm}/memorials/${ids.memorial}/relatives`);
  ids.relative =
    relatives.items.find((item: { role?: string; id: string }) => item.role !== 'owner')?.id ?? relatives.items[0].id;
  const shown = await call(a.token, 'POST', `${mm}/codes/${ids.code}/tributes`, {
    kind: 'message',
    text: '爷爷，清明安康。',
  });
  ids.message = shown.message.id;
  const held = await call(relative, 'POST', `${mm}/codes/${ids.code}/tributes`, { kind: 'message', text: '博彩网站' });
  ids.heldMessage = held.message.id;
  ids.slot = (
    await call(staffA, 'POST', `${mm}/staff/cemeteries/${ids.cemetery}/visit-slots`, {
      startsAt: at(DAY),
      endsAt: at(DAY + 2 * HOUR),
      capacity: 20,
    })
  ).id;
  const visit = await call(a.token, 'POST', `${mm}/visit-slots/${ids.slot}/visits`, { companions: [] });
  ids.visit = visit.id;
  ids.entryCode = visit.entryCode;
  const [pkg] = await ServicePackages(app.connection).create([
    { cemeteryId: ids.cemetery, kind: 'sweeping', name: '代客祭扫·清洁', priceFen: 8_800 },
  ]);
  ids.package = pkg!.id;
  const order = await call(a.token, 'POST', `${mm}/memorials/${ids.memorial}/service-orders`, {
    packageId: ids.package,
    date: '2027-03-25',
  });
  ids.serviceOrder = order.id;
  ids.paymentOrder = order.paymentOrderId;
  ids.deathNotice = (
    await call(a.token, 'POST', `${mm}/death-notices`, {
      cemeteryId: ids.cemetery,
      deceasedName: '林阿公',
      idNumber: syntheticIdNumber('19400101'),
      deathDate: '2027-03-18',
      place: '平阳县人民医院',
      relation: '儿子',
      contactPhone: '13857712345',
    })
  ).id;
  ids.photo = await uploadPhoto(app, a.token);
  await call(a.token, 'POST', `${mm}/memorials/${ids.memorial}/gallery`, { photos: [ids.photo] });
  ids.upload = await uploadPhoto(app, a.token, '#c03060');
  await call(a.token, 'POST', `${mm}/memorials/${ids.memorial}/story-draft`, { facts: { hometown: '平阳县昆阳镇' } });
  ids.campaign = (
    await call(staffA, 'POST', `${mm}/staff/campaigns`, {
      cemeteryId: ids.cemetery,
      name: '清明网上祭英烈',
      startsAt: at(-DAY),
      endsAt: at(10 * DAY),
    })
  ).id;

  // 医保: A's remote-care filing and a family request to A's spouse; staff A's import.
  const ins = '/api/insurance';
  ids.filing = (
    await call(a.token, 'POST', `${ins}/me/filings`, {
      destination: '上海市',
      kind: 'long-term-residence',
      validFrom: '2027-04-01',
      validTo: '2027-09-30',
    })
  ).id;
  ids.family = (
    await call(a.token, 'POST', `${ins}/me/family`, {
      relation: 'spouse',
      name: spouse.name,
      idNumber: spouse.idNumber,
    })
  ).id;
  ids.import = (
    await call(staffA, 'POST', `${ins}/staff/imports`, { kind: 'persons', format: 'csv', totalBytes: 100 })
  ).id;

  // 通知: one in A's inbox.
  await notify(
    { connection: app.connection, clock: app.clock },
    new Types.ObjectId(a.accountId),
    'class_reminder',
    { title: '明天上课', body: '别忘了明天的家长课。' },
    { dedupeKey: `sweep-${randomUUID()}` },
  );
  const inbox = await call(a.token, 'GET', '/api/notifications');
  ids.notification = inbox.items[0].id;

  // The rest of the creating routes, so every idempotency key in the contract has been used
  // once: a port of site A, A's answers to the subscribe prompt, a walk-up charge at site B by
  // A's relative, and a site the admin opens.
  await call(staffA, 'POST', `${ch}/staff/sites/${ids.site}/ports`, { label: '2号' });
  await call(a.token, 'POST', '/api/notifications/settings/subscribe-answers', {
    answers: [{ templateId: 'sweep-template', answer: 'accept' }],
  });
  await call(relative, 'POST', `${ch}/charges/start`, { code: siteB.code });
  await call(app.signIn('admin').token, 'POST', `${ch}/staff/sites`, {
    name: '头陀镇新民村充电棚',
    town: { code: 'toutuo', name: '头陀镇', district: '黄岩区' },
    address: '黄岩区头陀镇新民村文化礼堂东侧',
    location: { lng: 121.152, lat: 28.612 },
    hours: { opens: '06:00', closes: '22:00' },
    pricePerMinuteFen: 2,
    maxMinutes: 480,
    safetyNotes: ['充满即走，请勿长时间占用'],
  });

  // Stranger B's own objects, for requests that point from them at A's: a venue, course and
  // session of school B; B's memorial at cemetery B with an order staff B has started; B's
  // report at site B.
  ids.schoolB = schoolB!.id;
  ids.cemeteryB = cemeteryB!.id;
  ids.siteB = siteB.siteId;
  ids.venueB = (
    await call(staffB, 'POST', `${ps}/staff/venues`, { schoolId: ids.schoolB, name: '北门', address: '越城区' })
  ).id;
  ids.courseB = (
    await call(staffB, 'POST', `${ps}/staff/courses`, {
      schoolId: ids.schoolB,
      title: '亲子沟通',
      summary: '二十分钟。',
      speaker: '李老师',
      durationMinutes: 20,
    })
  ).id;
  ids.sessionB = (
    await call(staffB, 'POST', `${ps}/staff/sessions`, {
      courseId: ids.courseB,
      venueId: ids.venueB,
      startsAt: at(DAY),
      capacity: 10,
    })
  ).id;
  ids.memorialB = (
    await call(b.token, 'POST', `${mm}/memorials`, {
      ...memorialBody('王大山', 'ZL-2020-0001'),
      cemeteryId: ids.cemeteryB,
    })
  ).id;
  await call(staffB, 'POST', `${mm}/staff/memorials/${ids.memorialB}/review`, { decision: 'approve' });
  const [packageB, repairB] = await ServicePackages(app.connection).create([
    { cemeteryId: ids.cemeteryB, kind: 'burial', name: '入葬服务预约', priceFen: 0 },
    { cemeteryId: ids.cemeteryB, kind: 'repair', name: '墓穴报修', priceFen: 0 },
  ]);
  ids.packageB = packageB!.id;
  ids.repairB = repairB!.id;
  ids.serviceOrderB = (
    await call(b.token, 'POST', `${mm}/memorials/${ids.memorialB}/service-orders`, {
      packageId: ids.packageB,
      date: '2027-03-25',
    })
  ).id;
  await call(staffB, 'POST', `${mm}/staff/service-orders/${ids.serviceOrderB}/accept`);
  await call(staffB, 'POST', `${mm}/staff/service-orders/${ids.serviceOrderB}/start`);
  ids.reportB = (
    await call(b.token, 'POST', `${ch}/reports`, {
      siteId: ids.siteB,
      kind: 'other',
      place: '车棚',
      description: '插座松动。',
    })
  ).id;

  return {
    app,
    residentA: a.token,
    residentB: b.token,
    staffA,
    staffB,
    ids,
    calls,
    async close() {
      await app.close();
      await fake.close();
    },
  };
}
