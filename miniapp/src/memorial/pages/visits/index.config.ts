export default definePageConfig({ navigationBarTitleText: '我的祭扫预约' });
