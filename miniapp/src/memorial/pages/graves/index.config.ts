export default definePageConfig({ navigationBarTitleText: '墓位查询' });
