export default definePageConfig({ navigationBarTitleText: '祭扫服务' });
