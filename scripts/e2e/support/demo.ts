import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchPhone } from './browser';
import { h5 } from './h5';
import { startStack, type Stack } from './stack';

export interface Demo {
  /** Where the BFF serves the H5 app and the API. */
  readonly url: string;
  readonly page: Page;
  readonly ui: ReturnType<typeof h5>;
}

/**
 * The set-up every end-to-end file shares: the demo stack, then `prepare` (API calls the test
 * needs but is not about), then one phone-sized page; all torn down after the file.
 */
export function useDemo(prepare?: (url: string) => Promise<void>): Demo {
  let stack: Stack | undefined;
  let phone: { context: BrowserContext; close(): Promise<void> } | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    stack = await startStack();
    await prepare?.(stack.url);
    phone = await launchPhone();
    page = await phone.context.newPage();
  });
  afterAll(async () => {
    await phone?.close();
    await stack?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the demo is used before beforeAll started it');
    return value;
  };
  return {
    get url() {
      return started(stack).url;
    },
    get page() {
      return started(page);
    },
    get ui() {
      return h5(started(page), started(stack).url);
    },
  };
}
