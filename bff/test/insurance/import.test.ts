import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, ImportFileError, MAX_LINE_BYTES, type ImportFormat } from '../../src/features/insurance/import';
import type { ImportKind } from '../../src/features/insurance/import-rows';
import { startInsuranceApp, syntheticIdNumber, type InsuranceApp } from './support';

let app: InsuranceApp;
beforeAll(async () => {
  app = await startInsuranceApp();
});
afterAll(() => app?.close());

const run = (kind: ImportKind, bytes: Buffer, format: ImportFormat = 'csv', batchSize = 2) =>
  importFile({ connection: app.connection, config: app.config }, kind, Readable.from([bytes]), { format, batchSize });

const a = syntheticIdNumber('19880808');
const b = syntheticIdNumber('19920101');
const badCheck = `${a.slice(0, 17)}${a[17] === '0' ? '1' : '0'}`;

const personsCsv = [
  'idNumber,name,insuranceType,status,region,since',
  `${a},赵美玲,employee,active,越城区,2012-03-01`,
  `${badCheck},错号码,employee,active,越城区,2012-03-01`,
  `${b},孙立新,resident,suspended,松阳县,2019-01-01`,
  `${syntheticIdNumber()},钱多多,farmer,active,越城区,2012-03-01`,
  `${syntheticIdNumber()},周一鸣,employee,active,越城区,2012-02-30`,
  `${syntheticIdNumber()},吴二,employee,active`,
].join('\r\n');

describe('import', () => {
  it('reports bad rows by line and reason, writes the good ones, and changes nothing on a re-run', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(personsCsv, 'utf8')]);
    const first = await run('persons', bytes);
    expect(first).toMatchObject({ encoding: 'utf-8-bom', rows: 6, accepted: 2, rejected: 4, upserted: 2, modified: 0 });
    expect(first.errors.map((e) => e.line)).toEqual([3, 5, 6, 7]);
    expect(first.errors[0]!.reason).toBe('idNumber: not a valid identity number');
    expect(first.errors[1]!.reason).toMatch(/^insuranceType: /);
    expect(first.errors[2]!.reason).toMatch(/^since: /);
    expect(first.errors[3]!.reason).toMatch(/column/i);
    const stored = await app.connection.collection('insured_persons').find().sort({ since: 1 }).toArray();
    expect(stored.map((p) => [p.maskedName, p.status, p.region])).toEqual([
      ['赵**', 'active', '越城区'],
      ['孙**', 'suspended', '松阳县'],
    ]);
    expect(JSON.stringify(stored)).not.toContain(a);

    const before = await app.countDocuments();
    const again = await run('persons', bytes);
    expect(again).toMatchObject({ rows: 6, accepted: 2, rejected: 4, upserted: 0, modified: 0 });
    expect(await app.countDocuments()).toEqual(before);
  });

  it('detects GBK, says so, and decodes it', async () => {
    const c = syntheticIdNumber('19790521');
    const csv = `idNumber,name,insuranceType,status,region,since\n${c},欧阳娜娜,employee,active,越城区,2001-05-01\n`;
    const report = await run('persons', iconv.encode(csv, 'gbk'));
    expect(report).toMatchObject({ encoding: 'gbk', accepted: 1, rejected: 0 });
    const person = await app.connection.collection('insured_persons').findOne({ maskedName: '欧***' });
    expect(person?.region).toBe('越城区');
    expect((await run('persons', Buffer.from(csv, 'utf8'))).encoding).toBe('utf-8');
  });

  it('contributions as JSON lines: unknown persons, bad JSON and bad amounts are reported; a re-run writes nothing', async () => {
    const lines = [
      JSON.stringify({
        idNumber: a,
        period: '2026-01',
        baseFen: 800000,
        employerFen: 52000,
        personalFen: 16000,
        status: 'paid',
      }),
      '{not json',
      JSON.stringify({
        idNumber: syntheticIdNumber(),
        period: '2026-01',
        baseFen: 1,
        employerFen: 1,
        personalFen: 1,
        status: 'paid',
      }),
      '',
      JSON.stringify({ idNumber: a, period: '2026-13', baseFen: 1, employerFen: 1, personalFen: 1, status: 'paid' }),
      JSON.stringify({ idNumber: a, period: '2026-02', baseFen: 1.5, employerFen: 1, personalFen: 1, status: 'paid' }),
      JSON.stringify({
        idNumber: a,
        period: '2026-03',
        baseFen: 800000,
        employerFen: 52000,
        personalFen: 16000,
        status: 'arrears',
        $where: '1',
      }),
      JSON.stringify({
        idNumber: a,
        period: '2026-02',
        baseFen: 800000,
        employerFen: 52000,
        personalFen: 16000,
        status: 'arrears',
      }),
    ].join('\n');
    const first = await run('contributions', Buffer.from(lines), 'jsonl');
    expect(first).toMatchObject({ encoding: 'utf-8', rows: 7, accepted: 2, rejected: 5, upserted: 2, modified: 0 });
    expect(first.errors).toEqual([
      { line: 2, reason: 'not a JSON object' },
      { line: 3, reason: 'no insured person with this identity number; import persons first' },
      { line: 5, reason: expect.stringMatching(/^period: /) },
      { line: 6, reason: expect.stringMatching(/^baseFen: /) },
      { line: 7, reason: expect.stringMatching(/\$where/) },
    ]);
    const again = await run('contributions', Buffer.from(lines), 'jsonl');
    expect(again).toMatchObject({ accepted: 2, upserted: 0, modified: 0 });
  });

  it('maternity stages and filings are idempotent too', async () => {
    const stages = [
      'idNumber,caseNo,stage,at,amountFen,days,rule,paidToKind,paidToMaskedAccount',
      `${a},SY-1,registered,2026-01-05T09:00:00+08:00,,,,,`,
      `${a},SY-1,paid,2026-06-01T09:00:00+08:00,4213000,158,按月平均缴费工资计算,personal,6222 **** 1234`,
      `${a},SY-1,paid,2026-06-01T09:00:00+08:00,4213000,158,按月平均缴费工资计算,personal,6222123412341234`,
    ].join('\n');
    expect(await run('maternity-stages', Buffer.from(stages))).toMatchObject({
      accepted: 2,
      rejected: 1,
      upserted: 1,
      modified: 1,
    });
    expect(await run('maternity-stages', Buffer.from(stages))).toMatchObject({ accepted: 2, upserted: 0, modified: 0 });

    const filings = [
      'idNumber,filingNo,destination,kind,validFrom,validTo,filedAt,cancelledAt',
      `${a},65f0c0ffee0000000000a001,上海市,temporary-travel,2026-07-01,2026-07-31,2026-06-01T09:00:00+08:00,`,
      `${a},65f0c0ffee0000000000a002,北京市,referral,2026-08-01,2026-08-31,2026-06-02T09:00:00+08:00,2026-06-03T09:00:00+08:00`,
    ].join('\n');
    expect(await run('filings', Buffer.from(filings))).toMatchObject({ accepted: 2, rejected: 0 });
    const before = await app.countDocuments();
    expect(await run('filings', Buffer.from(filings))).toMatchObject({ accepted: 2, upserted: 0, modified: 0 });
    expect(await app.countDocuments()).toEqual(before);
  });

  it('a header with an unknown column refuses the whole file before any row', async () => {
    const before = await app.countDocuments();
    const csv = `idNumber,name,insuranceType,status,region,since,salary\n${syntheticIdNumber()},某,employee,active,越城区,2012-03-01,1\n`;
    await expect(run('persons', Buffer.from(csv))).rejects.toThrow(ImportFileError);
    expect(await app.countDocuments()).toEqual(before);
  });

  it('a file without a header row is refused without quoting its first row (an ID number and a name)', async () => {
    const idNumber = syntheticIdNumber();
    const csv = `${idNumber},王建国,employee,active,越城区,2012-03-01\n`;
    const refusal = await run('persons', Buffer.from(csv)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(ImportFileError);
    const message = (refusal as Error).message;
    expect(message).not.toContain(idNumber);
    expect(message).not.toContain('王建国');
    expect(message).toBe(
      'unknown columns for persons: employee, active, 4 more that are not column names (no header row?); expected idNumber, name, insuranceType, status, region, since',
    );
  });

  it('a month not begun or a stage not yet happened is reported by line and not written', async () => {
    // importFile reads the wall clock; next year's months are ahead of it whatever today is.
    const nextYear = new Date().getUTCFullYear() + 1;
    const contributions = [
      'idNumber,period,baseFen,employerFen,personalFen,status',
      `${b},2026-04,500000,32500,10000,paid`,
      `${b},2099-01,500000,32500,10000,paid`,
      // Next year's January paid in the autumn is a real record; in arrears it cannot be yet.
      `${b},${nextYear}-01,500000,0,38000,paid`,
      `${b},${nextYear}-02,500000,0,38000,arrears`,
    ].join('\n');
    const months = await run('contributions', Buffer.from(contributions));
    expect(months).toMatchObject({ rows: 4, accepted: 2, rejected: 2, upserted: 2 });
    expect(months.errors).toEqual([
      { line: 3, reason: 'period: in the future' },
      { line: 5, reason: 'period: in the future' },
    ]);
    expect(
      await app.connection.collection('insurance_contributions').countDocuments({ period: `${nextYear}-01` }),
    ).toBe(1);
    expect(await app.connection.collection('insurance_contributions').countDocuments({ period: '2099-01' })).toBe(0);

    const stages = [
      JSON.stringify({ idNumber: b, caseNo: 'SY-FUT', stage: 'registered', at: '2026-01-05T01:00:00Z' }),
      JSON.stringify({ idNumber: b, caseNo: 'SY-FUT', stage: 'paid', at: '2099-01-01T00:00:00Z' }),
    ].join('\n');
    const report = await run('maternity-stages', Buffer.from(stages), 'jsonl');
    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(report.errors).toEqual([{ line: 2, reason: 'at: in the future' }]);
    const kase = await app.connection.collection('insurance_maternity_cases').findOne({ caseNo: 'SY-FUT' });
    expect(Object.keys(kase!.stageAt)).toEqual(['registered']);
  });

  it('a line too long to be a row is reported by its line and skipped; the rows after it still count', async () => {
    const c = syntheticIdNumber('19700101');
    const long = `${syntheticIdNumber()},${'长'.repeat(MAX_LINE_BYTES)},employee,active,越城区,2012-03-01`;
    const csv = [
      'idNumber,name,insuranceType,status,region,since',
      long,
      `${c},冯小刚,employee,active,越城区,2012-03-01`,
    ].join('\r\n');
    // Cut in small pieces, as a file streams: the long line spans many of them.
    const bytes = Buffer.from(csv, 'utf8');
    const pieces = Array.from({ length: Math.ceil(bytes.length / 4096) }, (_, i) =>
      bytes.subarray(i * 4096, (i + 1) * 4096),
    );
    const report = await importFile(
      { connection: app.connection, config: app.config },
      'persons',
      Readable.from(pieces),
      {
        format: 'csv',
      },
    );
    expect(report).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    expect(report.errors).toEqual([{ line: 2, reason: 'line longer than 64 KB: not a row' }]);
    expect(await app.connection.collection('insured_persons').countDocuments({ maskedName: '冯**' })).toBe(1);

    const jsonl = `${'{"x":"'.padEnd(MAX_LINE_BYTES + 10, 'y')}"}\n${JSON.stringify({ idNumber: c, disease: '高血压', validUntil: '2027-06-30' })}\n`;
    const lines = await run('chronic', Buffer.from(jsonl), 'jsonl');
    expect(lines).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    expect(lines.errors).toEqual([{ line: 1, reason: 'line longer than 64 KB: not a row' }]);
  });

  it('operator objects are bad rows, and no reason repeats an identity number', async () => {
    const lines = [
      JSON.stringify({ idNumber: { $gt: '' }, disease: '高血压', validUntil: '2027-06-30' }),
      JSON.stringify({ idNumber: a, disease: { $ne: null }, validUntil: '2027-06-30' }),
      JSON.stringify({ idNumber: a, disease: '高血压', validUntil: '2027-06-30', [a]: 1 }),
    ].join('\n');
    const report = await run('chronic', Buffer.from(lines), 'jsonl');
    expect(report).toMatchObject({ rows: 3, accepted: 0, rejected: 3 });
    expect(report.errors.map((e) => e.reason)).toEqual([
      expect.stringMatching(/^idNumber: /),
      expect.stringMatching(/^disease: /),
      expect.stringContaining('[digits]'),
    ]);
    expect(JSON.stringify(report)).not.toMatch(/\d{17}[\dXx]/);
  });
});
