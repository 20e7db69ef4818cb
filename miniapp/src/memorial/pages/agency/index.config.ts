export default definePageConfig({ navigationBarTitleText: '报丧办理' });
