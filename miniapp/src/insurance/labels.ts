import type {
  filingKinds,
  insuranceStatuses,
  insuranceTypes,
  maternityStages,
  relations,
  staffPurposes,
} from '@warmcity/shared/api/insurance';

export const typeText: Record<(typeof insuranceTypes)[number], string> = {
  employee: '职工医保',
  resident: '城乡居民医保',
};

export const statusText: Record<(typeof insuranceStatuses)[number], string> = {
  active: '参保中',
  suspended: '暂停',
  terminated: '终止',
};

export const stageText: Record<(typeof maternityStages)[number], string> = {
  registered: '生育登记',
  discharged: '出院结算',
  pushed: '数据推送',
  reviewed: '审核',
  paid: '拨付',
};

export const stageOrder = ['registered', 'discharged', 'pushed', 'reviewed', 'paid'] as const;

export const kindText: Record<(typeof filingKinds)[number], string> = {
  'long-term-residence': '长期居住',
  'temporary-travel': '临时外出',
  referral: '转诊',
};

export const relationText: Record<(typeof relations)[number], string> = {
  spouse: '配偶',
  child: '子女',
  parent: '父母',
};

/** Integer fen as residents read money: `¥1,234.56`. */
export function yuan(fen: number): string {
  const whole = Math.floor(fen / 100).toLocaleString('en-US');
  return `¥${whole}.${String(fen % 100).padStart(2, '0')}`;
}

export const insuranceUrl = (page: string) => `/insurance/pages/${page}/index`;

export const viewerText: Record<'self' | 'staff' | 'system', string> = {
  self: '本人',
  staff: '医保经办人员',
  system: '系统',
};

const actionTexts: Record<string, string> = {
  'insurance.summary.read': '查看参保信息',
  'insurance.contributions.read': '查看缴费记录',
  'insurance.maternity.read': '查看生育津贴',
  'insurance.filings.read': '查看异地就医备案',
  'insurance.family.read': '查看家庭共济',
  'insurance.chronic.read': '查看门诊慢特病',
  'insurance.family.ask': '申请绑定家人',
  'insurance.family.confirm': '确认家庭共济绑定',
  'insurance.family.unbind': '解除家庭共济绑定',
  'insurance.filings.apply': '申请异地就医备案',
  'insurance.filings.cancel': '撤销异地就医备案',
  'insurance.staff.read': '经办人员查询',
};

export const actionText = (action: string) => actionTexts[action] ?? '查看或办理医保业务';

export const purposeText: Record<(typeof staffPurposes)[number], string> = {
  'counter-service': '窗口办理',
  'phone-service': '电话办理（接听即办）',
  'maternity-review': '生育津贴审核',
  'filing-review': '异地就医备案审核',
  complaint: '投诉与咨询处理',
};
