export default definePageConfig({ navigationBarTitleText: '电动车充电' });
