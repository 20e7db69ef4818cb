export default definePageConfig({ navigationBarTitleText: '我的充电记录' });
