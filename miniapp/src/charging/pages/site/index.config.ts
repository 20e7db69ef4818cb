export default definePageConfig({ navigationBarTitleText: '充电站点' });
