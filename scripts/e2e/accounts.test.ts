import { describe, expect, it } from 'vitest';
import { demoRegistryPersons } from '../seed/accounts';
import { hasChromium } from './support/browser';
import { useDemo } from './support/demo';

describe.skipIf(!hasChromium)('accounts in Chromium: dev sign-in, 我的, 实名认证', () => {
  const demo = useDemo();

  const openMine = async () => {
    await demo.page.getByText('我的', { exact: true }).last().click();
    await demo.page.waitForURL(/pages\/mine/);
  };

  it('signs in with a demo account from the picker on 我的', async () => {
    await demo.page.goto(demo.url);
    await openMine();
    await demo.ui.visible('选择体验账号登录').waitFor({ timeout: 15_000 });
    await demo.ui.visible('居民 李晓梅').click();
    await demo.ui.visible('去认证 ›').waitFor({ timeout: 15_000 });
    await demo.ui.visible('居民', true).waitFor();
    await expect(demo.page.getByText('选择体验账号登录').count()).resolves.toBe(0);
  });

  it('binds the identity and 我的 then shows it masked, never in full', async () => {
    const person = demoRegistryPersons[0]!;
    await demo.ui.visible('实名认证').click();
    await demo.page.waitForURL(/accounts\/pages\/identity/);
    await demo.page.locator('#identity-name input').fill(person.name);
    await demo.page.locator('#identity-number input').fill(person.idNumber);
    await demo.page.locator('#identity-submit').click();
    await demo.page.locator('#bound-identity').waitFor({ timeout: 15_000 });
    const masked = `${person.idNumber.slice(0, 6)}********${person.idNumber.slice(-4)}`;
    await demo.ui.visible(masked).waitFor();
    await demo.page.goBack();
    await demo.page.waitForURL(/pages\/mine/);
    await demo.ui.visible('李**').waitFor({ timeout: 15_000 });
    expect(await demo.page.content()).not.toContain(person.idNumber);
  });

  it('stays signed in across a reload (the stored refresh token is rotated silently)', async () => {
    await demo.page.reload();
    await demo.ui.visible('李**').waitFor({ timeout: 15_000 });
  });

  it('a staff account sees 工作台 with its school', async () => {
    await demo.ui.visible('退出登录').click();
    await demo.ui.visible('工作人员（绍兴市第一初级中学）').click();
    await demo.ui.visible('工作台').click();
    await demo.page.waitForURL(/accounts\/pages\/workbench/);
    await demo.ui.visible('学校', true).waitFor({ timeout: 15_000 });
  });
});
