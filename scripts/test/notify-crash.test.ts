import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDevDb } from '@warmcity/devdb';
import { callApi } from '../e2e/support/h5';
import { scheduleDemoSession } from '../e2e/support/parent-school';
import { bffEnvFor, startPlatformLoginFake, type PlatformLoginFake } from '../fakes/platform-login';
import { startDemo, stopDemo, type DemoProcess } from './support/demo-process';

// Issue 10's crash test with real processes: the BFF (with its embedded devdb journalling to
// disk) is killed with SIGKILL after a session's cancellation has recorded its notice and before
// any push; restarted, it pushes that notice exactly once. The first process runs with
// NOTIFY_DELIVERY=off, so "before any push" is certain rather than a race against the delivery
// worker's 2-second tick. The notice is a cancellation of a class within two hours because that
// kind is urgent: a real process runs on the wall clock, and anything else waits out quiet
// hours (22:00-08:00 China time) whenever the suite happens to run then.

const TEMPLATE = 'TPL-cancelled';
const dataDir = mkdtempSync(join(tmpdir(), 'warmcity-notify-crash-'));
let fake: PlatformLoginFake;
const started: DemoProcess[] = [];

beforeAll(async () => {
  fake = await startPlatformLoginFake();
});
afterAll(async () => {
  for (const { child } of started) await stopDemo(child, 'SIGKILL');
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(delivery: 'on' | 'off') {
  const demo = await startDemo(dataDir, {
    ...bffEnvFor(fake),
    NOTIFY_DELIVERY: delivery,
    NOTIFY_TEMPLATES: JSON.stringify({
      session_cancelled: { wechat: { templateId: TEMPLATE, fields: { thing1: 'course', thing2: 'reason' } } },
    }),
  });
  started.push(demo);
  // The banner names localhost; the BFF listens on 127.0.0.1 only.
  return { ...demo, url: demo.url.replace('localhost', '127.0.0.1') };
}

it('a notice recorded just before kill -9 is pushed exactly once after the restart, and shows once in the inbox', async () => {
  const first = await start('off');
  const { api, session } = await scheduleDemoSession(
    first.url,
    { title: '崩溃测试：课程取消', summary: '进程被杀后重启，取消通知只发一次。' },
    { startsInMs: 90 * 60_000, capacity: 5 },
  );
  const bob = await api('POST', '/api/accounts/sign-in', undefined, {
    provider: 'wechat',
    code: `valid-crash-bob~${Date.now()}`,
  });
  await api('POST', '/api/parent-school/bookings', bob.accessToken, { sessionId: session.id });
  await api('POST', '/api/notifications/settings/subscribe-answers', bob.accessToken, {
    answers: [{ templateId: TEMPLATE, answer: 'accept' }],
  });
  const staff = await api('POST', '/api/accounts/sign-in', undefined, { provider: 'dev', code: 'demo-school-staff' });

  // The state change: the session is cancelled, and the answer says the change is done.
  await api('POST', `/api/parent-school/staff/sessions/${session.id}/cancel`, staff.accessToken, {
    reason: '场地停电',
  });
  expect(await stopDemo(first.child, 'SIGKILL')).toBeNull();
  expect(first.child.signalCode).toBe('SIGKILL');
  expect(fake.push.sent).toHaveLength(0);

  const second = await start('on');
  await expect.poll(() => fake.push.sent.length, { timeout: 20_000, interval: 200 }).toBe(1);
  expect(fake.push.sent[0]).toMatchObject({ platform: 'wechat', templateId: TEMPLATE });
  const inbox = await callApi(second.url, 'GET', '/api/notifications', bob.accessToken);
  const told = inbox.items.filter((item: { kind: string }) => item.kind === 'session_cancelled');
  expect(told).toHaveLength(1);
  // Stopped cleanly, so its delivery worker has finished: nothing more can be sent.
  expect(await stopDemo(second.child)).toBe(0);
  expect(fake.push.sent).toHaveLength(1);

  // What the data directory holds: one notice for the cancellation's dedupeKey, sent.
  const devdb = await startDevDb({ dbPath: dataDir });
  const connection = await mongoose.createConnection(devdb.uri, { dbName: 'warmcity' }).asPromise();
  try {
    const rows = await connection
      .collection('notifications')
      .find({ kind: 'session_cancelled', userId: new mongoose.Types.ObjectId(bob.account.id) })
      .toArray();
    expect(rows.map((row) => [String(row.dedupeKey).split(':')[1], row.urgent, row.delivery.status])).toEqual([
      ['cancelled', true, 'sent'],
    ]);
  } finally {
    await connection.close();
    await devdb.stop();
  }
});
