import { loadConfig } from '@warmcity/bff/config';
import { bindIdentityAsSystem, upsertDevAccount, upsertRegistryPerson } from '@warmcity/bff/accounts/tasks';
import { idNumberCheckChar } from '@warmcity/shared/personal-data/id-number';
import { toutuoSiteIds } from './charging';
import { ids } from './ids';

// Made-up registry persons (越城区 region code, sequence 9xx) with computed check digits, so
// binding can be demonstrated without anyone's real number.
const withCheckChar = (first17: string) => `${first17}${idNumberCheckChar(first17)}`;
export const demoRegistryPersons = [
  { name: '李晓梅', idNumber: withCheckChar('33060219900312901') },
  { name: '王建国', idNumber: withCheckChar('33060219850607903') },
  { name: '张丽华', idNumber: withCheckChar('33060219921120902') },
  { name: '陈志强', idNumber: withCheckChar('33060219780125905') },
];

const demoAccounts = [
  { id: ids.demoResident, code: 'demo-resident', label: '居民 李晓梅', roles: ['resident' as const] },
  { id: ids.demoParent, code: 'demo-parent', label: '家长 王建国', roles: ['resident' as const] },
  {
    id: ids.demoSchoolStaff,
    code: 'demo-school-staff',
    label: '工作人员（绍兴市第一初级中学）',
    roles: ['resident' as const, 'staff' as const],
    staffScopes: [{ kind: 'school' as const, id: ids.demoSchool }],
  },
  {
    id: ids.demoCemeteryStaff,
    code: 'demo-cemetery-staff',
    label: '工作人员（松鹤陵园）',
    roles: ['resident' as const, 'staff' as const],
    staffScopes: [{ kind: 'cemetery' as const, id: ids.songheCemetery }],
  },
  {
    id: ids.demoChargingStaff,
    code: 'demo-charging-staff',
    label: '工作人员（头陀镇充电站）',
    roles: ['resident' as const, 'staff' as const],
    staffScopes: toutuoSiteIds().map((id) => ({ kind: 'charging-site' as const, id })),
  },
  {
    id: ids.demoInsuranceStaff,
    code: 'demo-insurance-staff',
    label: '医保经办（越城区医疗保障服务大厅）',
    roles: ['resident' as const, 'staff' as const],
    staffScopes: [{ kind: 'service-hall' as const, id: ids.yuechengHall }],
  },
  {
    id: ids.demoAgencyStaff,
    code: 'demo-agency-staff',
    label: '代办员 王建华（松鹤陵园）',
    roles: ['resident' as const, 'staff' as const],
    staffScopes: [{ kind: 'agency' as const, id: ids.songheCemetery }],
  },
  { id: ids.demoAdmin, code: 'demo-admin', label: '管理员', roles: ['resident' as const, 'admin' as const] },
];

/** Demo accounts for the dev provider's picker and the insured-person registry. Safe to run
 * again: everything is keyed by a fixed code, id or lookup key. */
export async function seedAccounts(connection: Parameters<typeof upsertDevAccount>[0]) {
  const config = loadConfig();
  const now = new Date();
  for (const { id, ...account } of demoAccounts) {
    await upsertDevAccount(connection, { ...account, id }, now);
  }
  for (const person of demoRegistryPersons) await upsertRegistryPerson(connection, config, person);
  // 王建国 arrives already bound, for the insurance demo; 李晓梅 is left to show binding.
  await bindIdentityAsSystem(connection, config, ids.demoParent, demoRegistryPersons[1]!);
  return {
    accounts: demoAccounts.map((account) => `${account.label} (dev: ${account.code})`),
    registryPersons: demoRegistryPersons.length,
  };
}
