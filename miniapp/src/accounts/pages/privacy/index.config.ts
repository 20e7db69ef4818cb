export default definePageConfig({ navigationBarTitleText: '隐私与个人数据' });
