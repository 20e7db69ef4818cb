export default definePageConfig({ navigationBarTitleText: '英烈纪念' });
