export default definePageConfig({ navigationBarTitleText: '报丧进度' });
