import type { StaffScope } from '@warmcity/shared/api/accounts';
import { call } from '../api/client';
import { routes } from '../api/routes';

export interface WorkbenchTool {
  kind: StaffScope['kind'];
  title: string;
  /** Page of the feature's subpackage; it receives `?scope=<id>`. */
  url: string;
}

export const scopeKindNames: Record<StaffScope['kind'], string> = {
  school: '学校',
  'charging-site': '充电站点',
  cemetery: '陵园',
  'service-hall': '医保服务大厅',
  agency: '陵园代办',
};

/** Each feature adds its staff tools here, e.g. parent-school's check-in scanner for a school. */
export const workbenchTools: WorkbenchTool[] = [
  { kind: 'school', title: '家长学校：签到与名单', url: '/parent-school/pages/staff/index' },
  { kind: 'school', title: '家长学校：场次、课程与场地', url: '/parent-school/pages/manage/index' },
  { kind: 'cemetery', title: '云祭扫：入园核验、时段与审核', url: '/memorial/pages/staff/index' },
  { kind: 'agency', title: '云祭扫：在线报丧办理', url: '/memorial/pages/agency/index' },
  // Paid charging and the cemetery's paid services take money; their staff see each day's takings.
  { kind: 'charging-site', title: '收款日报：订单、实收、退款', url: '/payments/pages/statement/index' },
  { kind: 'cemetery', title: '收款日报：订单、实收、退款', url: '/payments/pages/statement/index' },
  { kind: 'service-hall', title: '医保：参保信息查询', url: '/insurance/pages/staff/index' },
  { kind: 'service-hall', title: '医保：批量导入', url: '/insurance/pages/import/index' },
  // One row per site (an operator may have thirty); the reports are one tap further, on its page.
  { kind: 'charging-site', title: '充电站：充电口、今日概况、隐患上报', url: '/charging/pages/staff/index' },
];

/** The names of the places a staff member operates, by id: each kind from its feature's list. */
export async function placeNames(scopes: readonly StaffScope[]): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  if (scopes.some((scope) => scope.kind === 'school')) {
    const schools = await call(routes['parent-school'].listSchools);
    for (const school of schools.items) names[school.id] = school.name;
  }
  if (scopes.some((scope) => scope.kind === 'cemetery' || scope.kind === 'agency')) {
    const cemeteries = await call(routes.memorial.listCemeteries);
    for (const cemetery of cemeteries.items) names[cemetery.id] = cemetery.name;
  }
  if (scopes.some((scope) => scope.kind === 'service-hall')) {
    const halls = await call(routes.insurance.listHalls);
    for (const hall of halls.items) names[hall.id] = hall.name;
  }
  if (scopes.some((scope) => scope.kind === 'charging-site')) {
    const sites = await call(routes.charging.staffListSites);
    for (const site of sites.items) names[site.id] = site.name;
  }
  return names;
}
