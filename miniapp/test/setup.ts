import { api, problems } from '@warmcity/shared';
import { problemTexts, routeTable } from '../config/contract-table';

// The Taro build replaces these identifiers (config/contract.ts); tests get the same values.
Object.assign(globalThis, {
  WARMCITY_ROUTES: routeTable(api),
  WARMCITY_PROBLEMS: problemTexts(problems),
});
