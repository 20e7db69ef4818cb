export default definePageConfig({ navigationBarTitleText: '查询记录' });
