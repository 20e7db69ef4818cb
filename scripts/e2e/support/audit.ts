import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Where the run leaves one screenshot per page and mode (gitignored), printed at the start. */
export const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

/** Large-text mode as the app stores it (Taro H5 keeps `{data}` JSON in localStorage). */
export async function setElderMode(page: Page, on: boolean) {
  await page.evaluate((value) => localStorage.setItem('warmcity.elderMode', JSON.stringify({ data: value })), on);
}

/**
 * What a person trips on, as text lines (empty when the page is fine): axe-core's serious and
 * critical violations; buttons without a visible label or under 4.5:1 contrast against what is
 * behind them; tap targets under 44×44 CSS px.
 */
export async function auditPage(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the app's CSP (rightly) refuses an inline <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource}\n;0`);
  const axe = await page.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `axe ${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });

  const own = await page.evaluate(() => {
    const problems: string[] = [];
    const rgba = (css: string) => {
      const m = css.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return { r: r!, g: g!, b: b!, a };
    };
    const luminance = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const backgroundOf = (el: Element | null): { r: number; g: number; b: number } => {
      for (let node = el; node; node = node.parentElement) {
        const bg = rgba(getComputedStyle(node).backgroundColor);
        if (bg && bg.a > 0.5) return bg;
      }
      return { r: 255, g: 255, b: 255 };
    };
    const shown = (el: Element) => {
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const name = (el: Element) => (el as HTMLElement).innerText?.trim().replace(/\s+/g, ' ') ?? '';

    for (const el of Array.from(document.querySelectorAll('[role=button], button, taro-button-core'))) {
      if (!shown(el) || el.closest('[role=button]') !== el) continue;
      const label = name(el);
      if (!label) {
        problems.push(`button without a visible label: ${el.outerHTML.slice(0, 120)}`);
        continue;
      }
      const fg = rgba(getComputedStyle(el).color);
      if (!fg) continue;
      const bg = backgroundOf(el);
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < 4.5) problems.push(`button “${label}” contrast ${ratio.toFixed(2)}:1`);
    }

    const targets = document.querySelectorAll(
      '[role=button], button, a[href], taro-input-core, taro-textarea-core, taro-switch-core, .weui-tabbar__item',
    );
    for (const el of Array.from(targets)) {
      if (!shown(el)) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width < 44 || rect.height < 44)
        problems.push(
          `tap target ${Math.round(rect.width)}×${Math.round(rect.height)}: “${name(el).slice(0, 30) || el.tagName}”`,
        );
    }
    return problems;
  });
  return [...axe, ...own];
}

/** The page once settled (network idle, no spinner), photographed as `<name>-<normal|large>.png`
 * for a person to look at, and audited; answers its problems named by page and mode. */
export async function photographAndAudit(page: Page, name: string, elder: boolean): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'), undefined, { timeout: 15_000 });
  const mode = elder ? 'large' : 'normal';
  await page.screenshot({ path: join(screenshotDir, `${name}-${mode}.png`), fullPage: true });
  return (await auditPage(page)).map((problem) => `${name} (${mode}): ${problem}`);
}
