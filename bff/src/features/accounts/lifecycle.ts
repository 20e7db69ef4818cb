import type { Deps } from '../../platform/deps';

/** Other features register here (at module load) what they must do when an account goes, and
 * what they hold about a person for the 隐私 export, so accounts never imports them. */
type DeletionHook = (accountId: string, deps: Deps) => Promise<void>;
type ExportSource = (accountId: string, deps: Deps) => Promise<unknown>;

const deletionHooks: DeletionHook[] = [];
const exportSources = new Map<string, ExportSource>();

/** E.g. parent-school cancels the account's active bookings (and promotes the waitlist). A hook
 * that throws stops the deletion before anything is erased, so a retry can finish it. */
export function onAccountDeleted(hook: DeletionHook): void {
  deletionHooks.push(hook);
}

export function onPersonalDataExport(feature: string, source: ExportSource): void {
  if (exportSources.has(feature)) throw new Error(`personal-data export for "${feature}" registered twice`);
  exportSources.set(feature, source);
}

export async function runDeletionHooks(accountId: string, deps: Deps): Promise<void> {
  for (const hook of deletionHooks) await hook(accountId, deps);
}

export async function collectFeatureData(accountId: string, deps: Deps): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    [...exportSources].map(async ([feature, source]) => [feature, await source(accountId, deps)] as const),
  );
  return Object.fromEntries(entries);
}
