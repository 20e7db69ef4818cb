export default definePageConfig({ navigationBarTitleText: '编辑纪念馆' });
