import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWeappRuntime, ensureWeappBuild, findNode, textOf, until, weappDir, type MpNode } from './weapp/harness';

// Runs the production weapp bundle, not only builds it: a bundle can compile cleanly and still
// crash on load (React 19 with Taro 4.2 does exactly that). See ensureWeappBuild for when it builds.

const hasClass = (name: string) => (n: MpNode) => typeof n.cl === 'string' && n.cl.split(/\s+/).includes(name);

/** `wx.request` answering every call with `answer(url)`, as the BFF would, on the next tick. */
function answerRequests(
  mp: ReturnType<typeof createWeappRuntime>,
  answer: (url: string) => unknown,
  status: { statusCode: number; header: Record<string, string> } = { statusCode: 200, header: {} },
) {
  Object.assign(mp.wx, {
    request: (options: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      const response = { ...status, data: answer(options.url), errMsg: 'request:ok' };
      setTimeout(() => {
        options.success?.(response);
        options.complete?.(response);
      }, 0);
      return { abort() {} };
    },
  });
}

/** Launches the app, opens the charging page and taps 使用我的位置, as a resident would. */
async function tapLocate(mp: ReturnType<typeof createWeappRuntime>) {
  mp.launch();
  const page = await mp.open('charging/pages/index/index');
  await mp.fire(
    page,
    findNode(page.data.root, (n) => n.uid === 'ch-locate')!,
    'tap',
  );
  return page;
}

describe('weapp production bundle', () => {
  beforeAll(() => {
    ensureWeappBuild();
  }, 240_000);

  it('declares the tab pages and one subpackage per feature, and every page file exists', () => {
    const { appJson } = createWeappRuntime();
    // The not-found page is where unknown routes land (app.ts), so it sits in the main package.
    expect(appJson.pages).toEqual(['pages/index/index', 'pages/mine/index', 'pages/not-found/index']);
    expect(appJson.tabBar.list.map((t) => t.text)).toEqual(['首页', '我的']);
    // Each feature is its own subpackage (others, e.g. accounts, may sit beside them).
    expect(appJson.subPackages.map((s) => s.root)).toEqual(
      expect.arrayContaining(['parent-school', 'charging', 'memorial', 'insurance']),
    );
    const files = [
      ...appJson.pages,
      ...appJson.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)),
    ].flatMap((page) => ['.js', '.json', '.wxml'].map((ext) => `${page}${ext}`));
    const icons = appJson.tabBar.list.flatMap((t) => (t.iconPath ? [t.iconPath] : []));
    for (const file of [...files, ...icons]) expect(existsSync(path.join(weappDir, file)), file).toBe(true);
  });

  it('renders the home tab, and a tile tap navigates to its subpackage', async () => {
    const mp = createWeappRuntime();
    mp.launch();
    const home = await mp.open('pages/index/index');

    const root = home.data.root;
    const text = textOf(root);
    for (const name of ['家长学校', '电动车充电', '云祭扫', '医保查询', '便民服务']) expect(text).toContain(name);
    expect(findNode(root, hasClass('page'))).toBeDefined();
    expect(findNode(root, hasClass('page--elder'))).toBeUndefined();

    const tile = findNode(root, (n) => hasClass('tile')(n) && textOf(n).includes('家长学校'));
    expect(tile).toBeDefined();
    await mp.fire(home, tile!, 'tap');
    await until(() => mp.navigations.length === 1, 'the first navigation');
    const charging = findNode(root, (n) => hasClass('tile')(n) && textOf(n).includes('电动车充电'));
    await mp.fire(home, charging!, 'tap');
    await until(() => mp.navigations.length === 2, 'the second navigation');

    expect(mp.navigations).toEqual(['/parent-school/pages/index/index', '/charging/pages/index/index']);
    expect(mp.errors).toEqual([]);
  });

  it('renders 我的, and the elder-mode switch enlarges every open page and is remembered', async () => {
    const mp = createWeappRuntime();
    mp.launch();
    const home = await mp.open('pages/index/index');
    const mine = await mp.open('pages/mine/index');

    // The account area belongs to the accounts feature; this test owns the switch.
    expect(textOf(mine.data.root)).toContain('大字模式');
    expect(findNode(mine.data.root, hasClass('page--elder'))).toBeUndefined();

    // The whole row is the switch (kit Toggle), so a tap anywhere on it turns large text on.
    const toggle = findNode(mine.data.root, (n) => hasClass('kit-toggle')(n) && textOf(n).includes('大字模式'));
    expect(toggle, 'switch node').toBeDefined();
    await mp.fire(mine, toggle!, 'tap');
    await until(() => findNode(mine.data.root, hasClass('page--elder')) !== undefined, '我的 to switch to large text');

    // The home tab is still open underneath and must follow the setting too.
    await until(() => findNode(home.data.root, hasClass('page--elder')) !== undefined, 'home to switch to large text');
    expect(mp.storage.get('warmcity.elderMode')).toBe(true);

    // A later launch starts in elder mode.
    const again = createWeappRuntime();
    again.storage.set('warmcity.elderMode', true);
    again.launch();
    const homeAgain = await again.open('pages/index/index');
    expect(findNode(homeAgain.data.root, hasClass('page--elder'))).toBeDefined();

    await mp.fire(mine, toggle!, 'tap');
    await until(() => findNode(home.data.root, hasClass('page--elder')) === undefined, 'home to return to normal text');
    expect(mp.errors).toEqual([]);
  });

  it('opens the parent-school session list and shows its empty state', async () => {
    const mp = createWeappRuntime();
    // Every API call answers with an empty page, as a fresh install with no sessions would.
    answerRequests(mp, () => ({ items: [], nextCursor: null }));
    mp.launch();
    const page = await mp.open('parent-school/pages/index/index');
    expect(textOf(page.data.root)).toContain('校门口的家长学校');
    await until(() => textOf(page.data.root).includes('这段时间还没有安排课程'), 'the empty state');
    expect(mp.errors).toEqual([]);
  });

  it('opens the memorial subpackage: the code box works without the network', async () => {
    const mp = createWeappRuntime();
    mp.launch();
    const page = await mp.open('memorial/pages/index/index');
    const text = textOf(page.data.root);
    expect(text).toContain('打开纪念馆');
    expect(text).toContain('扫墓碑二维码');
    expect(mp.errors).toEqual([]);
  });

  it('opens 医保查询 signed out: the sign-in prompt, and the FAQ and halls that need no account', async () => {
    const mp = createWeappRuntime();
    // The silent platform sign-in is refused, as for a phone the BFF does not know yet.
    answerRequests(
      mp,
      () => ({ type: 'about:blank', title: 'Unauthenticated', status: 401, code: 'UNAUTHENTICATED' }),
      { statusCode: 401, header: { 'content-type': 'application/problem+json' } },
    );
    mp.launch();
    const page = await mp.open('insurance/pages/index/index');
    await until(() => textOf(page.data.root).includes('登录后查询本人医保'), 'the sign-in prompt');
    expect(textOf(page.data.root)).toContain('百问百答');
    expect(textOf(page.data.root)).toContain('服务大厅');
    expect(mp.errors).toEqual([]);
  });

  it('opens 附近充电 with the town picker, and asks the platform for no location before a tap', async () => {
    const mp = createWeappRuntime();
    const asked: string[] = [];
    const towns = ['头陀镇', '腾蛟镇', '泾港花苑'].map((name, i) => ({
      code: `town-${i}`,
      name,
      district: '测试区',
      center: { lng: 121, lat: 28 },
      sites: 1,
    }));
    Object.assign(mp.wx, {
      getLocation: () => asked.push('getLocation'),
      requirePrivacyAuthorize: () => asked.push('requirePrivacyAuthorize'),
    });
    answerRequests(mp, (url) => {
      asked.push(url);
      return url.endsWith('/api/charging/towns') ? { items: towns } : { charge: null };
    });
    mp.launch();
    const page = await mp.open('charging/pages/index/index');
    expect(textOf(page.data.root)).toContain('使用我的位置');
    await until(() => textOf(page.data.root).includes('泾港花苑'), 'the towns');
    for (const town of towns) expect(textOf(page.data.root)).toContain(town.name);
    expect(asked.filter((call) => !call.includes('/api/'))).toEqual([]);
    expect(mp.errors).toEqual([]);
  });

  it('使用我的位置: asks the privacy prompt first; a refusal asks no position and offers the towns', async () => {
    const mp = createWeappRuntime();
    const asked: string[] = [];
    Object.assign(mp.wx, {
      requirePrivacyAuthorize: (options: { fail?: (e: unknown) => void }) => {
        asked.push('requirePrivacyAuthorize');
        setTimeout(() =>
          options.fail?.({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' }),
        );
      },
      getLocation: () => asked.push('getLocation'),
    });
    answerRequests(mp, (url) => (url.endsWith('/api/charging/towns') ? { items: [] } : { charge: null }));
    const page = await tapLocate(mp);
    await until(() => textOf(page.data.root).includes('没有获取到位置'), 'the refusal notice');
    expect(asked).toEqual(['requirePrivacyAuthorize']);
    expect(mp.errors).toEqual([]);
  });

  it('使用我的位置: once agreed, asks for a GCJ-02 position and shows the sites near it on the map and the list', async () => {
    const mp = createWeappRuntime();
    const asked: unknown[] = [];
    const site = {
      id: '0123456789abcdef01234567',
      name: '头陀镇文化礼堂充电站',
      town: { code: 'toutuo', name: '头陀镇' },
      address: '头陀镇',
      location: { lng: 121.181, lat: 28.601 },
      distanceM: 150,
      totalPorts: 12,
      freePorts: 5,
      pricePerMinuteFen: 1,
      maxMinutes: 240,
      graceMinutes: 15,
      hours: { opens: '00:00', closes: '24:00' },
      openNow: true,
      safetyNotes: [],
    };
    Object.assign(mp.wx, {
      requirePrivacyAuthorize: (options: { success?: (e: unknown) => void }) => {
        asked.push('requirePrivacyAuthorize');
        setTimeout(() => options.success?.({ errMsg: 'requirePrivacyAuthorize:ok' }));
      },
      getLocation: (options: { type: string; success?: (r: unknown) => void }) => {
        asked.push(`getLocation ${options.type}`);
        setTimeout(() => options.success?.({ latitude: 28.6, longitude: 121.18, errMsg: 'getLocation:ok' }));
      },
    });
    answerRequests(mp, (url) => {
      if (url.includes('/api/charging/sites?')) asked.push(url.slice(url.indexOf('/api/')));
      if (url.endsWith('/api/charging/towns')) return { items: [] };
      return url.includes('/api/charging/sites?') ? { items: [site] } : { charge: null };
    });
    const page = await tapLocate(mp);
    await until(() => textOf(page.data.root).includes(site.name), 'the site near me');
    expect(asked).toEqual([
      'requirePrivacyAuthorize',
      'getLocation gcj02',
      '/api/charging/sites?lat=28.600000&lng=121.180000&radiusM=20000',
    ]);
    expect(textOf(page.data.root)).toContain('按离您的距离排序');
    const map = findNode(page.data.root, hasClass('ch-map'));
    expect(map, 'the map').toBeDefined();
    // The template names props by number (p14, p17 ...); the markers are the map's one list.
    const markers = Object.values(map!).find((value) => Array.isArray(value) && value.length > 0);
    expect(markers).toEqual([expect.objectContaining({ latitude: 28.601, longitude: 121.181, title: site.name })]);
    expect(Object.values(map!)).toEqual(expect.arrayContaining([28.6, 121.18]));
    expect(mp.errors).toEqual([]);
  });
});
