export default definePageConfig({ navigationBarTitleText: '推送失败' });
