export default definePageConfig({ navigationBarTitleText: '现场祭扫预约' });
