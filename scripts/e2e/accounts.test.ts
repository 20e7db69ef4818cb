import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRegistryPersons } from '../seed/accounts';
import { hasChromium, launchPhone } from './support/browser';
import { h5 } from './support/h5';
import { startStack, type Stack } from './support/stack';

describe.skipIf(!hasChromium)('accounts in Chromium: dev sign-in, 我的, 实名认证', () => {
  let stack: Stack;
  let phone: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let ui: ReturnType<typeof h5>;

  beforeAll(async () => {
    stack = await startStack();
    phone = await launchPhone();
    page = await phone.context.newPage();
    ui = h5(page, stack.url);
  });
  afterAll(async () => {
    await phone?.close();
    await stack?.stop();
  });

  const openMine = async () => {
    await page.getByText('我的', { exact: true }).last().click();
    await page.waitForURL(/pages\/mine/);
  };

  it('signs in with a demo account from the picker on 我的', async () => {
    await page.goto(stack.url);
    await openMine();
    await ui.visible('选择体验账号登录').waitFor({ timeout: 15_000 });
    await ui.visible('居民 李晓梅').click();
    await ui.visible('去认证 ›').waitFor({ timeout: 15_000 });
    await ui.visible('居民', true).waitFor();
    await expect(page.getByText('选择体验账号登录').count()).resolves.toBe(0);
  });

  it('binds the identity and 我的 then shows it masked, never in full', async () => {
    const person = demoRegistryPersons[0]!;
    await ui.visible('实名认证').click();
    await page.waitForURL(/accounts\/pages\/identity/);
    await page.locator('#identity-name input').fill(person.name);
    await page.locator('#identity-number input').fill(person.idNumber);
    await page.locator('#identity-submit').click();
    await page.locator('#bound-identity').waitFor({ timeout: 15_000 });
    const masked = `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`;
    await ui.visible(masked).waitFor();
    await page.goBack();
    await page.waitForURL(/pages\/mine/);
    await ui.visible('李**').waitFor({ timeout: 15_000 });
    expect(await page.content()).not.toContain(person.idNumber);
  });

  it('stays signed in across a reload (the stored refresh token is rotated silently)', async () => {
    await page.reload();
    await ui.visible('李**').waitFor({ timeout: 15_000 });
  });

  it('a staff account sees 工作台 with its school', async () => {
    await ui.visible('退出登录').click();
    await ui.visible('工作人员（绍兴市第一初级中学）').click();
    await ui.visible('工作台').click();
    await page.waitForURL(/accounts\/pages\/workbench/);
    await ui.visible('学校', true).waitFor({ timeout: 15_000 });
  });
});
