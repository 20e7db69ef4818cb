/** Fixed ids of demo records that more than one feature's seed refers to (24-hex ObjectIds).
 * Each has letters among its digits: an id with 18 digits in a row would look like a resident
 * ID number to the leak scans. */
export const ids = {
  /** 绍兴市第一初级中学, the demo school of the parent-school feature. */
  demoSchool: '65f0a0000000000000ac0001',
  /** 绍兴市建功中学, the second school of the parent-school seed. */
  jiangongSchool: '65f0a0000000000000ac0002',
  demoResident: '65f0a0000000000000ac00a1',
  demoParent: '65f0a0000000000000ac00a2',
  demoSchoolStaff: '65f0a0000000000000ac00a3',
  demoAdmin: '65f0a0000000000000ac00a4',
  demoCemeteryStaff: '65f0a0000000000000ac00a5',
  /** Operator of 头陀镇's charging sites. */
  demoChargingStaff: '65f0a0000000000000ac00a6',
  demoInsuranceStaff: '65f0a0000000000000ac00a7',
  /** 代办员 王建华, of 松鹤陵园's agency team (在线报丧). */
  demoAgencyStaff: '65f0a0000000000000ac00a8',
  /** 越城区医疗保障服务大厅, the hall the demo insurance clerk works at. */
  yuechengHall: '65f0a0000000000000ba0001',
  /** 松鹤陵园 and 忠烈园 of the memorial seed. */
  songheCemetery: '65f0a0000000000000ce0001',
  zhonglieCemetery: '65f0a0000000000000ce0002',
} as const;
