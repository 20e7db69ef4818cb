import type { HallInput } from '@warmcity/bff/insurance/tasks';
import { ids } from './ids';

const weekday = ['08:30-17:00'];
const withLunchBreak = ['08:30-12:00', '13:30-17:00'];

/** Service halls as their notices describe them (addresses and numbers are illustrative). */
export const insuranceHalls: HallInput[] = [
  {
    slug: 'yuecheng',
    _id: ids.yuechengHall,
    name: '越城区医疗保障服务大厅',
    region: '越城区',
    address: '绍兴市越城区延安东路 500 号市民服务中心 2 楼',
    phone: '0575-85000000',
    location: { lat: 30.0023, lng: 120.5821 },
    // 午间不打烊 and 周六我在岗.
    weekHours: [weekday, weekday, weekday, weekday, weekday, ['09:00-12:00'], []],
    lunchtimeService: true,
    saturdayService: true,
    exceptions: [
      { date: '2026-10-01', hours: [], note: '国庆节休息' },
      { date: '2026-10-10', hours: weekday, note: '国庆调休上班' },
    ],
    phoneMatters: ['参保信息查询', '异地就医备案', '缴费证明开具', '生育登记咨询'],
  },
  {
    slug: 'songyang',
    name: '松阳县医疗保障服务中心',
    region: '松阳县',
    address: '丽水市松阳县西屏街道长松路 8 号',
    phone: '0578-80000000',
    location: { lat: 28.4493, lng: 119.4816 },
    weekHours: [withLunchBreak, withLunchBreak, withLunchBreak, withLunchBreak, withLunchBreak, [], []],
    lunchtimeService: false,
    saturdayService: false,
    exceptions: [{ date: '2026-10-01', hours: [], note: '国庆节休息' }],
    phoneMatters: ['参保信息查询', '生育津贴进度查询'],
  },
];
