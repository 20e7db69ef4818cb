import type { Types } from 'mongoose';
import type { Deps } from './deps';

/** Account id → the holder's verified name, masked (王**); missing when they have none. */
export type MaskedNames = (deps: Deps, accountIds: readonly Types.ObjectId[]) => Promise<Map<string, string>>;

let provider: MaskedNames | null = null;

/**
 * Staff views of one feature (a roster) show people whose names another feature keeps
 * (accounts). The composition root (features/index.ts) installs accounts' lookup here, so no
 * feature imports another; without one installed, nobody has a name.
 */
export function provideMaskedNames(lookup: MaskedNames): void {
  provider = lookup;
}

export function maskedNames(deps: Deps, accountIds: readonly Types.ObjectId[]): Promise<Map<string, string>> {
  return provider && accountIds.length > 0 ? provider(deps, accountIds) : Promise.resolve(new Map());
}
