import { randomUUID } from 'node:crypto';
import iconv from 'iconv-lite';
import { IMPORT_CHUNK_BYTES } from '@warmcity/shared/api/insurance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '../../src/platform/session';
import { newObjectId } from '../support/app';
import { resident, startInsuranceApp, syntheticIdNumber, type InsuranceApp } from './support';

let app: InsuranceApp;
let clerk: string;
let otherClerk: string;
beforeAll(async () => {
  app = await startInsuranceApp();
  const staff = () =>
    signAccessToken(app.config, { id: newObjectId(), roles: ['staff'], scopes: [`service-hall:${newObjectId()}`] });
  clerk = staff();
  otherClerk = staff();
});
afterAll(() => app?.close());

const start = (token: string, body: object) =>
  app.request('POST', '/api/insurance/staff/imports', {
    token,
    body,
    headers: { 'idempotency-key': randomUUID() },
  });
const chunk = (token: string, id: string, seq: number, bytes: Buffer, last: boolean) =>
  app.request('POST', `/api/insurance/staff/imports/${id}/chunks`, {
    token,
    body: { seq, data: bytes.toString('base64'), last },
  });

const a = syntheticIdNumber('19860101');
const b = syntheticIdNumber('19860202');
const c = syntheticIdNumber('19860303');
// Line 1 the header, 2–3 the first chunk, 4–5 the second; line 4 is bad.
const lines = [
  'idNumber,name,insuranceType,status,region,since',
  `${a},赵美玲,employee,active,越城区,2012-03-01`,
  `${b},孙立新,resident,active,越城区,2015-01-01`,
  `${syntheticIdNumber()},钱多多,farmer,active,越城区,2012-03-01`,
  `${c},周一鸣,employee,active,越城区,2018-05-01`,
];
const gbk = (text: string) => iconv.encode(text, 'gbk');
const first = gbk(`${lines.slice(0, 3).join('\n')}\n`);
const second = gbk(`${lines.slice(3).join('\n')}\n`);

describe('chunked import from the staff page', () => {
  it('GBK chunks of whole lines: detected and said, bad rows by their line in the file, a retried chunk counted once', async () => {
    const job = await start(clerk, { kind: 'persons', format: 'csv', totalBytes: first.length + second.length });
    expect(job.status, job.text).toBe(201);
    const one = await chunk(clerk, job.body.id, 0, first, false);
    expect(one.status, one.text).toBe(200);
    expect(one.body).toMatchObject({ encoding: 'gbk', rows: 2, accepted: 2, upserted: 2, nextSeq: 1, done: false });
    const two = await chunk(clerk, job.body.id, 1, second, true);
    expect(two.body).toMatchObject({
      encoding: 'gbk',
      receivedBytes: first.length + second.length,
      rows: 4,
      accepted: 3,
      rejected: 1,
      upserted: 3,
      modified: 0,
      done: true,
    });
    expect(two.body.errors).toEqual([{ line: 4, reason: expect.stringContaining('insuranceType') }]);
    const persons = await app.connection.collection('insured_persons').countDocuments();

    // The same chunk again (a retry on a bad network) answers the report as it stands.
    const again = await chunk(clerk, job.body.id, 1, second, true);
    expect(again.body).toEqual(two.body);
    expect(await app.connection.collection('insured_persons').countDocuments()).toBe(persons);
    // The masked name decoded from GBK.
    const zhao = await app.connection.collection('insured_persons').findOne({ maskedName: '赵**' });
    expect(zhao?.region).toBe('越城区');
  });

  it('a chunk out of order, or after the last, is refused', async () => {
    const job = await start(clerk, { kind: 'persons', format: 'csv', totalBytes: 100 });
    expect((await chunk(clerk, job.body.id, 1, second, false)).body.code).toBe('IMPORT_CHUNK_OUT_OF_ORDER');
    await chunk(clerk, job.body.id, 0, first, true);
    expect((await chunk(clerk, job.body.id, 1, second, true)).body.code).toBe('IMPORT_CHUNK_OUT_OF_ORDER');
  });

  it('an unknown column refuses the file before any row is written', async () => {
    const job = await start(clerk, { kind: 'persons', format: 'csv', totalBytes: 100 });
    const before = await app.countDocuments();
    const bad = Buffer.from(`idNumber,name,salary\n${syntheticIdNumber()},王五,1\n`);
    const refused = await chunk(clerk, job.body.id, 0, bad, true);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('IMPORT_FILE_REFUSED');
    expect(await app.countDocuments()).toEqual(before);
  });

  it('another clerk’s job is a 404; a resident may not import; bad bodies are 400', async () => {
    const job = await start(clerk, { kind: 'contributions', format: 'csv', totalBytes: 100 });
    const foreign = await chunk(otherClerk, job.body.id, 0, first, true);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    const someone = await resident(app, '陈志强');
    expect((await start(someone.token, { kind: 'persons', format: 'csv', totalBytes: 100 })).status).toBe(403);
    expect((await start(clerk, { kind: 'people', format: 'csv', totalBytes: 100 })).status).toBe(400);
    const notBase64 = await app.request('POST', `/api/insurance/staff/imports/${job.body.id}/chunks`, {
      token: clerk,
      body: { seq: 0, data: '***', last: true },
    });
    expect(notBase64.status).toBe(400);
    expect(notBase64.body.code).toBe('VALIDATION_FAILED');
    const empty = await chunk(clerk, job.body.id, 0, Buffer.alloc(0), true);
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('VALIDATION_FAILED');
  });

  it('a file too large is refused before a byte is sent, and a chunk over the limit before it is read', async () => {
    const huge = await start(clerk, { kind: 'contributions', format: 'csv', totalBytes: 512 * 1024 * 1024 + 1 });
    expect(huge.status, huge.text).toBe(400);
    expect(huge.body.code).toBe('VALIDATION_FAILED');
    expect(
      await app.connection
        .collection('insurance_import_jobs')
        .countDocuments({ totalBytes: { $gt: 512 * 1024 * 1024 } }),
    ).toBe(0);

    const job = await start(clerk, { kind: 'persons', format: 'csv', totalBytes: 10_000_000 });
    const before = await app.countDocuments();
    const header = 'idNumber,name,insuranceType,status,region,since\n';
    const row = `${syntheticIdNumber()},赵美玲,employee,active,越城区,2012-03-01\n`;
    const over = Buffer.from(header + row.repeat(Math.ceil(IMPORT_CHUNK_BYTES / row.length)));
    const refused = await chunk(clerk, job.body.id, 0, over, false);
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    // Past the JSON body limit the server does not read it at all.
    const far = await chunk(clerk, job.body.id, 0, Buffer.concat([over, over]), false);
    expect(far.status).toBe(413);
    expect(far.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await app.countDocuments()).toEqual(before);
    const untouched = await app.request('POST', `/api/insurance/staff/imports/${job.body.id}/chunks`, {
      token: clerk,
      body: { seq: 0, data: Buffer.from(header + row).toString('base64'), last: true },
    });
    expect(untouched.body).toMatchObject({ nextSeq: 1, rows: 1, accepted: 1 });
  });
});
