import type { Connection } from 'mongoose';
import { loadConfig } from '@warmcity/bff/config';
import {
  upsertCampaign,
  upsertCemetery,
  upsertDeathNotice,
  upsertMemorial,
  upsertServicePackage,
  upsertVisitSlot,
  type MemorialSeed,
} from '@warmcity/bff/memorial/tasks';
import { idNumberCheckChar } from '@warmcity/shared/personal-data/id-number';
import { ids } from './ids';

/**
 * 云祭扫 demo data: 平阳昆阳镇's 松鹤陵园 with a few family memorials of fictional people, its
 * 忠烈园 with memorials of clearly fictional martyrs (no real person's name or story), and this
 * year's Qingming campaign. Codes are fixed so a printed demo QR keeps working.
 */

const cemeteries = [
  { _id: ids.songheCemetery, name: '松鹤陵园', address: '温州市平阳县昆阳镇' },
  { _id: ids.zhonglieCemetery, name: '忠烈园', address: '温州市平阳县昆阳镇松鹤陵园内' },
];

const family = (
  n: number,
  code: string,
  name: string,
  dates: [string, string],
  visibility: MemorialSeed['visibility'],
  biography: string,
): MemorialSeed => ({
  _id: `65f0a0000000000000cf00${String(n).padStart(2, '0')}`,
  cemeteryId: ids.songheCemetery,
  code,
  visibility,
  name,
  birthDate: dates[0],
  deathDate: dates[1],
  biography,
  plot: { area: '松区', row: String(n), number: String(10 + n), wayfinding: '正门进，沿松柏道直走，右手边。' },
  ownerId: ids.demoResident,
});

const martyr = (n: number, code: string, name: string, dates: [string, string], biography: string): MemorialSeed => ({
  _id: `65f0a0000000000000cf01${String(n).padStart(2, '0')}`,
  cemeteryId: ids.zhonglieCemetery,
  code,
  visibility: 'public',
  name,
  birthDate: dates[0],
  deathDate: dates[1],
  biography: `（示例人物，纯属虚构）${biography}`,
  plot: { area: '忠烈园', row: '1', number: String(n), wayfinding: '纪念碑后第一排。' },
});

const memorials: MemorialSeed[] = [
  family(1, 'sh2dem7a2x', '林远山', ['1931-03-02', '2019-11-20'], 'link', '一生务农，种了一辈子杨梅。'),
  family(2, 'sh2dem7b3x', '陈月娥', ['1935-08-15', '2021-02-03'], 'family', '昆阳镇上的裁缝，街坊都穿过她做的衣服。'),
  family(3, 'sh2dem7c4x', '林德水', ['1958-01-09', '2023-06-30'], 'family', '跑了三十年船，最爱讲海上的故事。'),
  martyr(1, 'zx2dem7a2y', '示例烈士甲', ['1920-05-01', '1949-04-12'], '平阳游击队交通员，传递情报途中牺牲。'),
  martyr(2, 'zx2dem7b3y', '示例烈士乙', ['1925-10-10', '1950-12-01'], '战地卫生员，在前线救护伤员时牺牲。'),
  martyr(3, 'zx2dem7c4y', '示例烈士丙', ['1916-02-20', '1944-07-07'], '小学教员，组织夜校时被捕，坚贞不屈。'),
];

/** Shanghai's peak-day pattern: six 1.5-hour on-site slots a day, here over 4–6 April. */
const SLOT_STARTS = ['07:30', '09:00', '10:30', '12:00', '13:30', '15:00'];
const SLOT_CAPACITY = 200;

export function qingmingVisitSlots(year: number) {
  return [4, 5, 6].flatMap((day, d) =>
    SLOT_STARTS.map((time, t) => {
      const startsAt = new Date(`${year}-04-0${day}T${time}:00+08:00`);
      return {
        _id: `65f0a0000000000000cb0${d}0${t}`,
        cemeteryId: ids.songheCemetery,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 90 * 60_000),
        capacity: SLOT_CAPACITY,
      };
    }),
  );
}

/** 松鹤陵园's service packages: two priced proxy sweepings, free burial booking and repair. */
const servicePackages = [
  { kind: 'sweeping', name: '代客祭扫·清洁', description: '擦拭墓碑、清扫墓台，拍照反馈。', priceFen: 8_800 },
  { kind: 'sweeping', name: '代客祭扫·清洁+鲜花', description: '清洁墓碑并献上一束鲜花，拍照反馈。', priceFen: 16_800 },
  { kind: 'burial', name: '入葬服务预约', description: '预约入葬日期，陵园联系您确认流程。', priceFen: 0 },
  { kind: 'repair', name: '墓穴报修', description: '拍照说明损坏情况，陵园派人查看修缮。', priceFen: 0 },
] as const;

/** 李晓梅's report of a (fictional) great-aunt's death, waiting for 松鹤陵园's agency team. The
 * number is made up (平阳 region code, sequence 9xx) with a computed check character. */
const deathNotice = (now: Date) => ({
  _id: '65f0a0000000000000de0001',
  cemeteryId: ids.songheCemetery,
  reportedBy: ids.demoResident,
  deceasedName: '陈阿婆',
  idNumber: `33032619380715902${idNumberCheckChar('33032619380715902')}`,
  deathDate: new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10),
  place: '平阳县昆阳镇家中',
  relation: '外甥女',
  contactPhone: '13957700001',
  note: '老人生前希望安葬在松鹤陵园。',
});

export async function seedMemorial(connection: Connection, now = new Date()) {
  for (const cemetery of cemeteries) await upsertCemetery(connection, cemetery);
  for (const memorial of memorials) await upsertMemorial(connection, memorial);
  for (const [n, pkg] of servicePackages.entries()) {
    await upsertServicePackage(connection, {
      ...pkg,
      _id: `65f0a0000000000000c500${String(n + 1).padStart(2, '0')}`,
      cemeteryId: ids.songheCemetery,
    });
  }
  // Qingming falls on 4 or 5 April; the campaign runs from a week before to a week after, in
  // China time, of this year (or next, once this year's has ended).
  const year =
    now.getUTCMonth() > 3 || (now.getUTCMonth() === 3 && now.getUTCDate() > 12)
      ? now.getUTCFullYear() + 1
      : now.getUTCFullYear();
  await upsertCampaign(connection, {
    _id: '65f0a0000000000000cd0001',
    cemeteryId: ids.zhonglieCemetery,
    name: `${year}年清明·网上祭英烈`,
    startsAt: new Date(`${year}-03-28T00:00:00+08:00`),
    endsAt: new Date(`${year}-04-12T00:00:00+08:00`),
  });
  await upsertDeathNotice(connection, loadConfig(), deathNotice(now), now);
  const slots = qingmingVisitSlots(year);
  for (const slot of slots) await upsertVisitSlot(connection, slot);
  return {
    cemeteries: cemeteries.length,
    memorials: memorials.length,
    servicePackages: servicePackages.length,
    campaigns: 1,
    visitSlots: slots.length,
    deathNotices: 1,
  };
}
