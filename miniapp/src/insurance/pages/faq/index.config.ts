export default definePageConfig({ navigationBarTitleText: '百问百答' });
