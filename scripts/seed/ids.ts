/** Fixed ids of demo records that more than one feature's seed refers to (24-hex ObjectIds). */
export const ids = {
  /** 绍兴市第一初级中学, the demo school of the parent-school feature. */
  demoSchool: '65f000000000000000000001',
  demoResident: '65f0000000000000000000a1',
  demoParent: '65f0000000000000000000a2',
  demoSchoolStaff: '65f0000000000000000000a3',
  demoAdmin: '65f0000000000000000000a4',
} as const;
