import path from 'node:path';
import { requireWithEsbuild } from '@tarojs/helper';
import { problemTexts, routeTable } from './contract-table';

/**
 * Reads the contract (TypeScript source in ../shared) at build time with the esbuild loader Taro
 * itself uses for configs, and returns DefinePlugin constants: the route table and the problem
 * texts. Keeps zod and every schema out of the mini-program bundle while staying in sync with
 * shared/ on every build.
 */
export function contractConstants(): Record<string, string> {
  const entry = path.resolve(__dirname, '../../shared/src/index.ts');
  const shared = requireWithEsbuild(entry, {
    cwd: path.resolve(__dirname, '..'),
    customSwcConfig: { module: { type: 'commonjs' } },
  }) as { api: Parameters<typeof routeTable>[0]; problems: Parameters<typeof problemTexts>[0] };
  return {
    WARMCITY_ROUTES: JSON.stringify(routeTable(shared.api)),
    WARMCITY_PROBLEMS: JSON.stringify(problemTexts(shared.problems)),
  };
}
