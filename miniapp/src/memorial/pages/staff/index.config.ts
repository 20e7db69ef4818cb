export default definePageConfig({ navigationBarTitleText: '陵园工作台' });
