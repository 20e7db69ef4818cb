import type { StaffScope } from '@warmcity/shared/api/accounts';

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
};

/** Each feature adds its staff tools here, e.g. parent-school's check-in scanner for a school. */
export const workbenchTools: WorkbenchTool[] = [
  { kind: 'school', title: '家长学校：签到与名单', url: '/parent-school/pages/staff/index' },
  { kind: 'school', title: '家长学校：场次、课程与场地', url: '/parent-school/pages/manage/index' },
];
