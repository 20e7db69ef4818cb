export default definePageConfig({ navigationBarTitleText: '纪念馆' });
