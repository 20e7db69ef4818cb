// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Taro's sync storage is the platform boundary; an in-memory map stands in for it.
const storage = new Map<string, unknown>();
let storageBroken = false;
const check = () => {
  if (storageBroken) throw new Error('getStorageSync:fail');
};
vi.mock('@tarojs/taro', () => ({
  default: {
    getStorageSync: (key: string) => (check(), storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => (check(), void storage.set(key, value)),
  },
}));

const { createElderStore, ELDER_MODE_KEY, taroStorage } = await import('../src/elder/store');
const { useElderMode } = await import('../src/elder/useElderMode');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeEach(() => {
  storage.clear();
  storageBroken = false;
});

describe('elder mode store', () => {
  it('is off by default and persists a change through Taro storage', () => {
    const store = createElderStore(taroStorage);
    expect(store.get()).toBe(false);

    store.set(true);

    expect(store.get()).toBe(true);
    expect(storage.get(ELDER_MODE_KEY)).toBe(true);
    // A fresh start (a new store over the same storage) reads the saved setting.
    expect(createElderStore(taroStorage).get()).toBe(true);
  });

  it('ignores junk in storage and notifies subscribers only on a real change', () => {
    storage.set(ELDER_MODE_KEY, 'yes');
    const store = createElderStore(taroStorage);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);

    expect(store.get()).toBe(false);
    store.set(false);
    expect(listener).not.toHaveBeenCalled();
    store.toggle();
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.toggle();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get()).toBe(false);
  });

  it('still switches for this session when platform storage fails', () => {
    storageBroken = true;
    const store = createElderStore(taroStorage);
    expect(store.get()).toBe(false);
    store.set(true);
    expect(store.get()).toBe(true);
    expect(storage.size).toBe(0);
  });
});

describe('useElderMode', () => {
  it('re-renders every component that uses it when the switch changes', async () => {
    storage.set(ELDER_MODE_KEY, true);
    const store = createElderStore(taroStorage);
    let setFromPage: (on: boolean) => void = () => {};
    function Page({ name }: { name: string }) {
      const [on, set] = useElderMode(store);
      setFromPage = set;
      return createElement('div', { className: on ? 'page page--elder' : 'page', id: name }, name);
    }
    const container = document.createElement('div');
    const root = createRoot(container);
    await act(async () => {
      root.render(
        createElement('main', null, createElement(Page, { name: 'home' }), createElement(Page, { name: 'mine' })),
      );
    });
    expect(container.querySelectorAll('.page--elder')).toHaveLength(2);

    await act(async () => setFromPage(false));

    expect(container.querySelectorAll('.page--elder')).toHaveLength(0);
    expect(storage.get(ELDER_MODE_KEY)).toBe(false);

    await act(async () => store.toggle());
    expect(container.querySelectorAll('.page--elder')).toHaveLength(2);
    await act(async () => root.unmount());
  });
});
