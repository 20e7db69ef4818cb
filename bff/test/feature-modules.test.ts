import mongoose, { type Model } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { features } from '../src/features/index';
import { registerModels } from '../src/platform/model';
// A model registers when its module loads; no feature imports this one (the route binding does),
// so alone, without the files that ran before it in the worker, the test would not see it.
import '../src/platform/idempotency';

// Models of the platform itself; everything else must be listed by the feature that defines it.
const PLATFORM_MODELS = ['AccountRevocation', 'AuditEntry', 'IdempotencyRecord', 'InsuredPerson', 'RateLimitCounter'];
// Fields that make a document an account's own data.
const OWNER_FIELDS = ['holder', 'account', 'accountId', 'owner'];
// Accounts does not hook into itself: its deletion and export are what call every other hook.
const LIFECYCLE_OWNER = 'accounts';

// Binding needs no server: models compile on an unopened connection.
const connection = mongoose.createConnection();
registerModels(connection);
const owned = features.flatMap((feature) =>
  (feature.models ?? []).map((bind) => ({ feature, model: bind(connection) as Model<unknown> })),
);

describe('feature modules', () => {
  it('every model belongs to exactly one feature module, or to the platform', () => {
    const listed = owned.map(({ model }) => model.modelName);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed, ...PLATFORM_MODELS].sort()).toEqual(Object.keys(connection.models).sort());
  });

  it('every feature keeping data an account owns declares a deletion and an export hook', () => {
    const keepers = owned
      .filter(({ model }) => OWNER_FIELDS.some((field) => model.schema.path(field)))
      .map(({ feature }) => feature)
      .filter((feature) => feature.name !== LIFECYCLE_OWNER);
    expect(keepers.map((feature) => feature.name)).toContain('parent-school');
    for (const feature of keepers) {
      expect(typeof feature.accountData?.onAccountDeleted, feature.name).toBe('function');
      expect(typeof feature.accountData?.exportData, feature.name).toBe('function');
    }
  });

  it('names each feature once', () => {
    const names = features.map((feature) => feature.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
