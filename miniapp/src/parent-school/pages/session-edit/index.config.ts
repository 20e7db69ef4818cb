export default definePageConfig({ navigationBarTitleText: '家长学校 · 场次' });
