export default definePageConfig({ navigationBarTitleText: '我的纪念馆' });
