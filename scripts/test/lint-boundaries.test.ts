import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: root });

/** The rule ids ESLint reports for `code` as if it were the file at `path` (relative to the root). */
async function violations(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it('refuses a feature importing another feature, on either side', async () => {
    expect(await violations('bff/src/features/charging/x.ts', "export { a } from '../parent-school/seats';\n")).toEqual(
      ['no-restricted-imports'],
    );
    expect(
      await violations('bff/src/features/memorial/deep/x.ts', "export { a } from '../../accounts/lifecycle';\n"),
    ).toEqual(['no-restricted-imports']);
    expect(await violations('miniapp/src/charging/x.ts', "export { a } from '../insurance/labels';\n")).toEqual([
      'no-restricted-imports',
    ]);
  });

  it('refuses platform/ importing a feature and the mini-program importing the BFF', async () => {
    expect(await violations('bff/src/platform/x.ts', "export { a } from '../features/accounts/tokens';\n")).toEqual([
      'no-restricted-imports',
    ]);
    expect(await violations('miniapp/src/pages/index/x.ts', "export { a } from '@warmcity/bff';\n")).toEqual([
      'no-restricted-imports',
    ]);
  });

  it('allows a feature its own files, the platform and the contract', async () => {
    const code = [
      "export { a } from './seats';",
      "export { b } from '../../platform/seats/seats';",
      "export { c } from '@warmcity/shared';",
      '',
    ].join('\n');
    expect(await violations('bff/src/features/charging/x.ts', code)).toEqual([]);
  });
});
