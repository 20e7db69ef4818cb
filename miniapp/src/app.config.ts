export default defineAppConfig({
  pages: ['pages/index/index', 'pages/mine/index', 'pages/not-found/index'],
  // One subpackage per feature, named as in shared/src/api and bff/src/features.
  subPackages: [
    {
      root: 'parent-school',
      pages: [
        'pages/index/index',
        'pages/session/index',
        'pages/mine/index',
        'pages/subscriptions/index',
        'pages/staff/index',
        'pages/manage/index',
        'pages/session-edit/index',
        'pages/catalog/index',
      ],
    },
    { root: 'charging', pages: ['pages/index/index'] },
    { root: 'memorial', pages: ['pages/index/index'] },
    { root: 'insurance', pages: ['pages/index/index'] },
    { root: 'notifications', pages: ['pages/inbox/index', 'pages/settings/index'] },
    { root: 'accounts', pages: ['pages/identity/index', 'pages/privacy/index', 'pages/workbench/index'] },
    { root: 'payments', pages: ['pages/pay/index', 'pages/orders/index', 'pages/statement/index'] },
  ],
  window: {
    navigationBarTitleText: '暖城服务',
    navigationBarBackgroundColor: '#FFF7EF',
    navigationBarTextStyle: 'black',
    backgroundColor: '#FFF7EF',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#5F5148',
    selectedColor: '#B5471B',
    backgroundColor: '#FFFFFF',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab-home.png',
        selectedIconPath: 'assets/tab-home-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab-mine.png',
        selectedIconPath: 'assets/tab-mine-active.png',
      },
    ],
  },
});
