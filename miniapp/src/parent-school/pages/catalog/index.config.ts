export default definePageConfig({ navigationBarTitleText: '家长学校 · 课程与场地' });
