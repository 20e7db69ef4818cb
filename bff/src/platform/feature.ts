import type { Connection } from 'mongoose';
import type { Deps } from './deps';
import type { Implementation } from './implement';
import type { PaymentHooks } from './payments/hooks';
import type { SealedCollection } from './personal-data/sealed';
import type { SweeperTask } from './sweeper';
import type { UploadHooks } from './uploads/hooks';

/** What a feature must do with the data an account owns, when the account goes and when its
 * owner asks for a copy (隐私). */
export interface AccountDataHooks {
  /** Cancels what is active and erases what is personal. A hook that throws stops the deletion
   * before anything is erased, so a retry can finish it; it must therefore be safe to repeat. */
  readonly onAccountDeleted: (accountId: string, deps: Deps) => Promise<void>;
  /** Everything the feature holds about the account, as JSON. */
  readonly exportData: (accountId: string, deps: Deps) => Promise<unknown>;
}

/**
 * One feature as the app sees it, listed in `features/index.ts`. There is no other way in: a
 * feature that stores data an account owns declares `accountData` here, or a test fails.
 */
export interface FeatureModule {
  readonly name: string;
  readonly routes: readonly Implementation[];
  readonly sweepers?: readonly SweeperTask[];
  /** Every model the feature defines (the binder `defineModel` returns). */
  readonly models?: readonly ((connection: Connection) => unknown)[];
  readonly accountData?: AccountDataHooks;
  /** What the feature does when one of its orders is paid or refunded (`platform/payments`). */
  readonly payments?: PaymentHooks;
  /** Who may see the uploads attached to the feature's objects (`platform/uploads`). */
  readonly uploads?: UploadHooks;
  /** The feature's fields stored encrypted under DATA_KEY, for the re-encryption after a
   * rotation (`platform/personal-data/rekey.ts`). */
  readonly sealed?: readonly SealedCollection[];
}

export function defineFeature<const F extends FeatureModule>(feature: F): F {
  return feature;
}

/** The account-data hooks of every feature, as the accounts feature calls them through `deps`. */
export interface AccountDataRegistry {
  /** Runs each feature's deletion hook in list order; the first that throws stops the rest. */
  deleteAll(accountId: string, deps: Deps): Promise<void>;
  /** Each feature's export, keyed by feature name. */
  exportAll(accountId: string, deps: Deps): Promise<Record<string, unknown>>;
}

export function accountDataRegistry(features: readonly FeatureModule[]): AccountDataRegistry {
  const names = features.map((feature) => feature.name);
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) throw new Error(`Features listed twice: ${repeated.join(', ')}`);
  const hooked = features.flatMap(({ name, accountData }) => (accountData ? [{ name, ...accountData }] : []));
  return {
    async deleteAll(accountId, deps) {
      for (const feature of hooked) await feature.onAccountDeleted(accountId, deps);
    },
    async exportAll(accountId, deps) {
      const entries = await Promise.all(
        hooked.map(async (feature) => [feature.name, await feature.exportData(accountId, deps)] as const),
      );
      return Object.fromEntries(entries);
    },
  };
}
