import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insuranceFaq } from '../../../scripts/seed/insurance-faq';
import { upsertFaqs } from '../../src/features/insurance/tasks';
import { startInsuranceApp, type InsuranceApp } from './support';

// Floors set at what the ranking reaches on this set (see the log line), so a regression fails.
const FLOOR_AT_1 = 28 / 30;
const FLOOR_AT_3 = 29 / 30;

let app: InsuranceApp;
beforeAll(async () => {
  app = await startInsuranceApp();
  await upsertFaqs(app.connection, insuranceFaq);
});
afterAll(() => app?.close());

/** What residents type, as the hall's staff hear it, and the FAQ that answers it. Written from
 * the questions residents ask, not from the FAQ's wording. */
const labelled: [string, string][] = [
  ['异地 备案 怎么办', 'remote-filing-how'],
  ['生育津贴多久到账', 'maternity-allowance-when'],
  ['去外地看病要备案吗', 'remote-filing-how'],
  ['备案有几种', 'remote-filing-kinds'],
  ['转诊备案', 'remote-filing-kinds'],
  ['备案能取消吗', 'remote-filing-cancel'],
  ['临时外出备案多长时间有效', 'remote-filing-valid'],
  ['外省看病直接结算', 'remote-direct-settle'],
  ['没备案能报销吗', 'remote-no-filing'],
  ['生育津贴怎么算', 'maternity-allowance-amount'],
  ['怀孕了怎么登记', 'maternity-registration'],
  ['生育津贴要自己申请吗', 'maternity-no-application'],
  ['产检费用报销', 'maternity-medical-costs'],
  ['生育津贴发到哪里', 'maternity-paid-where'],
  ['家人能用我的医保吗', 'family-aid-what'],
  ['绑定亲属', 'family-aid-bind'],
  ['家庭共济解绑', 'family-aid-unbind'],
  ['查缴费记录', 'contribution-query'],
  ['医保欠费补缴', 'contribution-arrears'],
  ['居民医保什么时候交', 'resident-insurance-pay'],
  ['缴费基数是多少', 'contribution-base'],
  ['参保状态暂停', 'insurance-status'],
  ['换工作医保怎么转', 'transfer-insurance'],
  ['慢特病怎么申请', 'chronic-disease-apply'],
  ['糖尿病算慢特病吗', 'chronic-disease-list'],
  ['慢特病到期', 'chronic-disease-expiry'],
  ['医保电子凭证激活', 'e-voucher'],
  ['社保卡丢了', 'card-lost'],
  ['中午能办事吗', 'hall-lunchtime'],
  ['周六上班吗', 'hall-saturday'],
];

describe('百问百答 search', () => {
  it('ranks the labelled answers: precision@1 and @3 over 30 queries', async () => {
    const slugOf = new Map<string, string>(insuranceFaq.map((faq) => [faq.question, faq.slug]));
    let top1 = 0;
    let top3 = 0;
    const misses: string[] = [];
    for (const [q, expected] of labelled) {
      const response = await app.request('GET', `/api/insurance/faq?q=${encodeURIComponent(q)}&limit=3`);
      expect(response.status).toBe(200);
      const slugs = response.body.items.map((item: { question: string }) => slugOf.get(item.question));
      if (slugs[0] === expected) top1 += 1;
      else misses.push(`${q} → ${slugs.join(', ')}`);
      if (slugs.includes(expected)) top3 += 1;
    }
    const precision = { at1: top1 / labelled.length, at3: top3 / labelled.length };
    console.log(`FAQ ranking: precision@1 ${precision.at1.toFixed(3)}, @3 ${precision.at3.toFixed(3)}`, misses);
    expect(labelled).toHaveLength(30);
    expect(precision.at1).toBeGreaterThanOrEqual(FLOOR_AT_1);
    expect(precision.at3).toBeGreaterThanOrEqual(FLOOR_AT_3);
  });

  it('a query of nothing searchable finds nothing; a blank one is refused', async () => {
    expect((await app.request('GET', `/api/insurance/faq?q=${encodeURIComponent('？！')}`)).body.items).toEqual([]);
    expect((await app.request('GET', '/api/insurance/faq?q=%20')).status).toBe(400);
    expect((await app.request('GET', '/api/insurance/faq?q[$ne]=x')).status).toBe(400);
  });
});
