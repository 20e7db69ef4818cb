export default definePageConfig({ navigationBarTitleText: '生育津贴' });
