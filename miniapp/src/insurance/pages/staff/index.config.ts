export default definePageConfig({ navigationBarTitleText: '参保信息查询' });
