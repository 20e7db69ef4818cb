import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const miniappDir = path.resolve(__dirname, '../..');
export const weappDir = path.join(miniappDir, 'dist/weapp');

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/**
 * The smoke test runs the production weapp bundle, so it needs one. Decision: the test builds
 * it itself when dist/weapp is missing or older than any input (src/, config/, shared/src,
 * babel and env files). `npm test` on a fresh clone then works without a prior build step, and a
 * developer never smoke-tests a stale bundle; when CI has built it just before, nothing is rebuilt.
 */
export function ensureWeappBuild(): { built: boolean; ms: number } {
  const output = path.join(weappDir, 'app.js');
  const inputs = ['src', 'config', '../shared/src', 'babel.config.js', '.env.production', 'package.json'];
  const newestInput = Math.max(...inputs.map((p) => newestMtime(path.join(miniappDir, p))));
  if (existsSync(output) && statSync(output).mtimeMs >= newestInput) return { built: false, ms: 0 };
  const started = Date.now();
  const taroBin = createRequire(path.join(miniappDir, 'package.json')).resolve('@tarojs/cli/bin/taro');
  execFileSync(process.execPath, [taroBin, 'build', '--type', 'weapp'], {
    cwd: miniappDir,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'pipe',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { built: true, ms: Date.now() - started };
}

/** A node of Taro's serialised tree, as it reaches the page through setData. */
export interface MpNode {
  nn?: string;
  sid?: string;
  uid?: string;
  v?: string;
  cl?: string;
  cn?: MpNode[];
  [attr: string]: unknown;
}

type PageConfig = Record<string, (this: PageInstance, ...args: unknown[]) => unknown> & { data?: unknown };

export interface PageInstance {
  route: string;
  options: Record<string, string>;
  data: { root?: MpNode } & Record<string, unknown>;
  setData(update: Record<string, unknown>, callback?: () => void): void;
  [key: string]: unknown;
}

/** Applies a setData update the way the mini-program runtime does (`a.b.[2].c` paths). */
export function applySetData(target: Record<string, unknown>, update: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(update)) {
    const segments = [...key.matchAll(/[^.[\]]+|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[0]));
    let cursor: Record<string | number, unknown> = target;
    segments.forEach((segment, i) => {
      if (i === segments.length - 1) {
        cursor[segment] = value;
        return;
      }
      const next = segments[i + 1];
      cursor[segment] ??= typeof next === 'number' ? [] : {};
      cursor = cursor[segment] as Record<string | number, unknown>;
    });
  }
}

export function textOf(node: MpNode | undefined): string {
  if (!node) return '';
  return (node.v ?? '') + (node.cn ?? []).map(textOf).join('');
}

export function findNode(node: MpNode | undefined, predicate: (n: MpNode) => boolean): MpNode | undefined {
  if (!node) return undefined;
  if (predicate(node)) return node;
  for (const child of node.cn ?? []) {
    const found = findNode(child, predicate);
    if (found) return found;
  }
  return undefined;
}

export const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `predicate` holds: rendering goes through React's scheduler and setData, and a
 * busy CI machine may take a while; fixed sleeps made this test flaky. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(10);
  }
}

/**
 * Loads dist/weapp in a fresh V8 context that has only what the WeChat JS engine provides:
 * the App/Page/Component/getApp/getCurrentPages/requirePlugin globals and `wx` (the mock from
 * miniprogram-simulate, with in-memory storage and recorded navigation). No window, document or
 * process: a bundle that relies on them fails here as it would on a phone.
 */
export function createWeappRuntime() {
  const simulateRequire = createRequire(require.resolve('miniprogram-simulate'));
  const wxMock = simulateRequire('./src/api/index.js') as Record<string, unknown>;
  const storage = new Map<string, unknown>();
  const navigations: string[] = [];
  const errors: unknown[] = [];
  const pages = new Map<string, PageConfig>();
  const stack: PageInstance[] = [];
  let appConfig: Record<string, (...args: unknown[]) => unknown> | undefined;
  let appInstance: Record<string, unknown> | undefined;
  let registering: string | undefined;

  const ok = (name: string, extra: object = {}) => ({ errMsg: `${name}:ok`, ...extra });
  const navigate =
    (name: string) => (options: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      navigations.push(options.url);
      setTimeout(() => {
        options.success?.(ok(name));
        options.complete?.(ok(name));
      }, 0);
    };
  const wx = {
    ...wxMock,
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    navigateTo: navigate('navigateTo'),
    switchTab: navigate('switchTab'),
    redirectTo: navigate('redirectTo'),
  };

  const context = vm.createContext({
    console: { log() {}, info() {}, debug() {}, warn: console.warn, error: (...args: unknown[]) => errors.push(args) },
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    wx,
    App: (config: typeof appConfig) => {
      appConfig = config;
    },
    Page: (config: PageConfig) => {
      if (!registering) throw new Error('Page() called outside a page module');
      pages.set(registering, config);
    },
    Component: () => {},
    getApp: () => appInstance,
    getCurrentPages: () => stack,
    requirePlugin: () => ({}),
  });

  const modules = new Map<string, { exports: unknown }>();
  function load(file: string): unknown {
    const resolved = file.endsWith('.js') ? file : `${file}.js`;
    const cached = modules.get(resolved);
    if (cached) return cached.exports;
    const mod = { exports: {} as unknown };
    modules.set(resolved, mod);
    const source = readFileSync(resolved, 'utf8');
    const wrapper = vm.runInContext(`(function (require, module, exports) {${source}\n})`, context, {
      filename: resolved,
    }) as (req: (p: string) => unknown, module: { exports: unknown }, exports: unknown) => void;
    wrapper((p) => load(path.resolve(path.dirname(resolved), p)), mod, mod.exports);
    return mod.exports;
  }

  return {
    wx,
    storage,
    navigations,
    errors,
    appJson: JSON.parse(readFileSync(path.join(weappDir, 'app.json'), 'utf8')) as {
      pages: string[];
      subPackages: { root: string; pages: string[] }[];
      tabBar: { list: { pagePath: string; text: string; iconPath?: string }[] };
    },
    launch(entry = 'pages/index/index') {
      load(path.join(weappDir, 'app.js'));
      if (!appConfig) throw new Error('app.js did not call App()');
      appInstance = Object.create(appConfig) as Record<string, unknown>;
      const options = { path: entry, query: {}, scene: 1001 };
      appConfig.onLaunch?.call(appInstance, options);
      appConfig.onShow?.call(appInstance, options);
    },
    /** Loads a page module and opens it: onLoad → onShow → onReady, as the framework would. */
    async open(route: string, query: Record<string, string> = {}): Promise<PageInstance> {
      registering = route;
      load(path.join(weappDir, `${route}.js`));
      registering = undefined;
      const config = pages.get(route);
      if (!config) throw new Error(`${route}.js did not call Page()`);
      const instance = Object.create(config) as PageInstance;
      Object.assign(instance, {
        route,
        options: query,
        data: structuredClone(config.data ?? {}),
        setData(this: PageInstance, update: Record<string, unknown>, callback?: () => void) {
          applySetData(this.data, update);
          if (callback) setTimeout(callback, 0);
        },
      });
      stack.push(instance);
      config.onLoad!.call(instance, query);
      config.onShow!.call(instance);
      config.onReady?.call(instance);
      await until(() => (instance.data.root?.cn?.length ?? 0) > 0, `${route} to render`);
      return instance;
    },
    /** Dispatches a native event to a node, the way the WXML template's `bind*="eh"` does. */
    async fire(page: PageInstance, node: MpNode, type: string, detail: Record<string, unknown> = {}) {
      const target = { id: node.uid ?? node.sid, dataset: { sid: node.sid } };
      (page.eh as (event: unknown) => unknown).call(page, {
        type,
        timeStamp: Date.now(),
        detail,
        target,
        currentTarget: target,
      });
      await settle();
    },
  };
}
