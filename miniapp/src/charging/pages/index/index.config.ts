export default definePageConfig({ navigationBarTitleText: '附近充电' });
