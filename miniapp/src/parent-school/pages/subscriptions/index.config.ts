export default definePageConfig({ navigationBarTitleText: '下期提醒' });
