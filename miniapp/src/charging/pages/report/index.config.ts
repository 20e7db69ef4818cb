export default definePageConfig({ navigationBarTitleText: '上报充电隐患' });
