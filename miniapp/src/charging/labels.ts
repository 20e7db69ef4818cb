import type { EndReason, PortStatus, ReportView } from '@warmcity/shared/api/charging';

/** Port states as a resident reads them on the grid; the colour repeats what the word says. */
export const portStatusText: Record<PortStatus, string> = {
  free: '空闲',
  reserved: '已预约',
  charging: '充电中',
  fault: '故障',
  offline: '离线',
  out_of_service: '停用',
};

export const reportKindText: Record<ReportView['kind'], string> = {
  dangling_wire: '私拉电线',
  indoor_charging: '楼道/室内充电',
  faulty_port: '充电口故障',
  other: '其他隐患',
};

export const reportStatusText: Record<ReportView['status'], string> = {
  open: '待处理',
  assigned: '处理中',
  resolved: '已处理',
};

/** Why a charge ended, as its record says it. */
export const endReasonText: Record<EndReason, string> = {
  resident: '手动结束',
  max_length: '达到最长时长自动结束',
  unplugged: '拔下插头结束',
  fault: '充电口故障，已按实际分钟计费',
  offline: '充电口离线结束',
  out_of_service: '充电口停用结束',
  account_deleted: '账号注销',
};
