export default definePageConfig({ navigationBarTitleText: '祭扫活动' });
