import { createHash, createHmac } from 'node:crypto';
import type { Connection } from 'mongoose';
import { loadConfig } from '@warmcity/bff/config';
import { ensurePorts, upsertSite, type PortSeed, type SiteSeed } from '@warmcity/bff/charging/tasks';
import { PORT_CODE_ALPHABET, PORT_CODE_LENGTH, type Point } from '@warmcity/shared/api/charging';

/**
 * 电动自行车充电 demo data, deterministic: 黄岩区头陀镇's 32 rebuilt sites with 365 ports, 平阳
 * 腾蛟镇's 215 free outlets, and 嘉兴泾港花苑's 45 charging areas. Positions are spread around each
 * place's real centre; prices mix free sites with 1–2 fen a minute. Ports are only ever inserted,
 * so a rerun keeps every counter and charge.
 */

/** 0 ≤ n < modulo, fixed per key. */
const pick = (key: string, modulo: number) => createHash('sha1').update(key).digest().readUInt32BE(0) % modulo;
/** −1 ≤ x < 1, fixed per key. */
const spread = (key: string) => pick(key, 20_001) / 10_000 - 1;

function portCode(key: string): string {
  const bytes = createHash('sha1').update(`charging-port:${key}`).digest();
  let code = '';
  for (let i = 0; i < PORT_CODE_LENGTH; i += 1) code += PORT_CODE_ALPHABET[bytes[i]! % PORT_CODE_ALPHABET.length];
  return code;
}

/** The demo devices' HMAC keys, derived from their ids so the simulator knows them without the
 * database; never the way a real device's secret is made. */
export const demoDeviceSecret = (deviceId: string) =>
  createHmac('sha256', 'warmcity demo charging devices').update(deviceId).digest('base64url');

// Sixteen digits at most in a row: eighteen would look like an ID number to the leak scans.
const siteId = (town: number, n: number) => `65f0c1ab${String(town * 1000 + n).padStart(16, '0')}`;
const portId = (town: number, n: number, port: number) =>
  `65f0c2ab${String(town * 1_000_000 + n * 1000 + port).padStart(16, '0')}`;

interface Town {
  n: number;
  code: string;
  name: string;
  district: string;
  center: Point;
  /** Degrees either side of the centre the sites spread over. */
  radius: { lng: number; lat: number };
  places: string[];
  ports: number[];
  price: (n: number) => number;
  hours: (n: number) => SiteSeed['hours'];
  maxMinutes: number;
  notes: string[];
}

const allDay = { opens: '00:00', closes: '24:00' };
const daytime = { opens: '06:00', closes: '22:00' };

/** Port counts per site adding up to `total`, varied but fixed. */
function portCounts(key: string, sites: number, total: number, min: number, max: number): number[] {
  const counts = Array.from({ length: sites }, (_, i) => min + pick(`${key}:${i}`, max - min + 1));
  // Walk the sites adding or removing one port at a time until the total is met.
  let sum = counts.reduce((a, b) => a + b, 0);
  for (let i = 0; sum !== total; i = (i + 1) % sites) {
    const step = sum < total ? 1 : -1;
    const next = counts[i]! + step;
    if (next < min || next > max) continue;
    counts[i] = next;
    sum += step;
  }
  return counts;
}

const toutuoPlaces = [
  '头陀村文化礼堂',
  '头陀镇政府东侧',
  '头陀中学北门',
  '头陀卫生院',
  '新岙村村委',
  '溪头村车棚',
  '王林村广场',
  '断江村',
  '塘里村',
  '龙王村',
  '岙底村',
  '下宅村',
  '上洋村',
  '前洋村',
  '头陀老街',
  '头陀菜市场',
  '长潭水库路口',
  '山头舟村',
  '黄毛山村',
  '双溪村',
  '北洋新村',
  '头陀小学南门',
  '工业园区一期',
  '工业园区二期',
  '头陀公交站',
  '东岙村',
  '西岙村',
  '横山村',
  '里岙村',
  '沙岙村',
  '大坑村',
  '镇敬老院',
];

const towns: Town[] = [
  {
    n: 1,
    code: 'toutuo',
    name: '头陀镇',
    district: '台州市黄岩区',
    center: { lng: 121.18, lat: 28.6 },
    radius: { lng: 0.035, lat: 0.03 },
    places: toutuoPlaces,
    ports: portCounts('toutuo', 32, 365, 6, 18),
    // About a third free, the rest 1 fen a minute (0.6 元 an hour) or 2 at the busiest.
    price: (n) => [0, 1, 1, 2, 0, 1][n % 6]!,
    hours: (n) => (n % 5 === 4 ? daytime : allDay),
    maxMinutes: 480,
    notes: ['充满即走，请勿占用', '严禁私拉电线、楼道充电', '电池鼓包请勿充电'],
  },
  {
    n: 2,
    code: 'tengjiao',
    name: '腾蛟镇',
    district: '温州市平阳县',
    center: { lng: 120.43, lat: 27.62 },
    radius: { lng: 0.02, lat: 0.015 },
    places: Array.from({ length: 18 }, (_, i) => `腾蛟镇第${i + 1}充电点`),
    ports: portCounts('tengjiao', 18, 215, 8, 16),
    price: () => 0,
    hours: () => allDay,
    maxMinutes: 360,
    notes: ['免费充电，每次最长 6 小时', '严禁私拉电线、楼道充电'],
  },
  {
    n: 3,
    code: 'jinggang',
    name: '泾港花苑',
    district: '嘉兴市南湖区',
    center: { lng: 120.77, lat: 30.75 },
    radius: { lng: 0.0025, lat: 0.002 },
    places: Array.from({ length: 45 }, (_, i) => `泾港花苑${Math.floor(i / 5) + 1}区${(i % 5) + 1}号充电区`),
    ports: portCounts('jinggang', 45, 270, 4, 8),
    price: () => 1,
    hours: () => allDay,
    maxMinutes: 600,
    notes: ['仅限本小区居民', '严禁推车入户、楼道充电'],
  },
];

export interface ChargingSeedSite {
  site: SiteSeed;
  ports: PortSeed[];
}

/** Every seeded site and port, as plain data (the benchmark and the simulator read it too). */
export function chargingSeed(): ChargingSeedSite[] {
  return towns.flatMap((town) =>
    town.places.map((place, i) => {
      const id = siteId(town.n, i + 1);
      const key = `${town.code}:${i}`;
      const site: SiteSeed = {
        _id: id,
        name: `${town.name}${place}充电站`,
        town: { code: town.code, name: town.name, district: town.district },
        address: `${town.district}${town.name}${place}`,
        location: {
          lng: Number((town.center.lng + spread(`${key}:lng`) * town.radius.lng).toFixed(6)),
          lat: Number((town.center.lat + spread(`${key}:lat`) * town.radius.lat).toFixed(6)),
        },
        hours: town.hours(i),
        pricePerMinuteFen: town.price(i),
        graceMinutes: 15,
        maxMinutes: town.maxMinutes,
        heartbeatSeconds: 300,
        safetyNotes: town.notes,
      };
      const ports = Array.from({ length: town.ports[i]! }, (_, p): PortSeed => {
        const deviceId = `${town.code}-${String(i + 1).padStart(2, '0')}-${String(p + 1).padStart(2, '0')}`;
        return {
          _id: portId(town.n, i + 1, p + 1),
          siteId: id,
          code: portCode(deviceId),
          label: `${p + 1}号`,
          sort: p + 1,
          deviceId,
          deviceSecret: demoDeviceSecret(deviceId),
        };
      });
      return { site, ports };
    }),
  );
}

export const toutuoSiteIds = () =>
  chargingSeed()
    .filter(({ site }) => site.town.code === 'toutuo')
    .map(({ site }) => site._id);

export async function seedCharging(connection: Connection, now = new Date()) {
  const config = loadConfig();
  const seed = chargingSeed();
  for (const { site } of seed) await upsertSite(connection, site, now);
  const added = await ensurePorts(
    connection,
    config,
    seed.flatMap(({ ports }) => ports),
    now,
  );
  const count = (code: string) => {
    const sites = seed.filter(({ site }) => site.town.code === code);
    return `${sites.length} sites / ${sites.reduce((sum, s) => sum + s.ports.length, 0)} ports`;
  };
  return { towns: towns.map((t) => `${t.name} ${count(t.code)}`), portsAdded: added };
}
