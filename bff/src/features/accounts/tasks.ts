/**
 * Operator and seed tasks that run outside HTTP (the admin CLI, the demo seed, test set-up).
 * They act as the system, so the audit entries they write have no actor.
 */
import mongoose, { Types, type Connection } from 'mongoose';
import type { Role } from '@warmcity/shared';
import type { StaffScope } from '@warmcity/shared/api/accounts';
import { checkIdNumber, normaliseIdNumber } from '@warmcity/shared/personal-data/id-number';
import { maskIdNumber, maskName } from '@warmcity/shared/personal-data/masking';
import type { Config } from '../../config';
import { isDuplicateKey } from '../../platform/database';
import { systemClock, type Deps } from '../../platform/deps';
import type { AccountDataRegistry } from '../../platform/feature';
import { createLogger } from '../../platform/logger';
import { writeAudit } from '../../platform/personal-data/audit';
import { dataProtection } from '../../platform/personal-data/protection';
import { Accounts } from './account.model';
import { grantStaffScope, revokeStaffScope } from './admin.service';
import {
  InsuredPersons,
  REGISTRY_ID_NUMBER_CONTEXT,
  REGISTRY_NAME_CONTEXT,
} from '../../platform/personal-data/insured-person.model';
import { sealIdentity } from './stored-identity';

const cli = { route: 'cli', requestId: null };

// A shell task never deletes or exports an account: the app does, with every feature's hooks.
const refused = () => Promise.reject(new Error('account deletion and export run in the app, not in a task'));
const accountData: AccountDataRegistry = { deleteAll: refused, exportAll: refused };
// Nor does it settle a payment, so no feature's payment hook can run in one.
const paymentHooks = {};
// Nor does it serve an upload.
const uploadHooks = {};

/** Connects to `config.MONGODB_URI` with what a task needs; `close` ends the connection. */
export async function openTaskDeps(config: Config, uri: string): Promise<Deps & { close(): Promise<void> }> {
  const connection = await mongoose.createConnection(uri).asPromise();
  return {
    connection,
    config,
    logger: createLogger(config),
    clock: systemClock,
    accountData,
    paymentHooks,
    uploadHooks,
    close: () => connection.close(),
  };
}

/** A demo account the dev provider's picker offers, created once; roles and scopes are set on
 * every run so the seed repairs a demo that was edited by hand. */
export async function upsertDevAccount(
  connection: Connection,
  account: { code: string; label: string; roles: Role[]; staffScopes?: StaffScope[]; id?: string },
  now: Date,
) {
  const staffScopes = (account.staffScopes ?? []).map((scope) => ({
    kind: scope.kind,
    id: new Types.ObjectId(scope.id),
  }));
  return Accounts(connection).findOneAndUpdate(
    { provider: 'dev', providerSubject: account.code },
    {
      $set: { devLabel: account.label, roles: account.roles, staffScopes },
      $setOnInsert: {
        ...(account.id ? { _id: new Types.ObjectId(account.id) } : {}),
        unionId: null,
        identity: null,
        createdAt: now,
        deletedAt: null,
      },
    },
    { upsert: true, returnDocument: 'after', lean: true },
  );
}

/** Gives an existing account the admin role (it keeps its other roles). */
export async function makeAdmin(deps: Pick<Deps, 'connection' | 'clock'>, accountId: string): Promise<boolean> {
  const account = await Accounts(deps.connection).findOneAndUpdate(
    { _id: new Types.ObjectId(accountId), deletedAt: null },
    { $addToSet: { roles: 'admin' } },
    { returnDocument: 'after', lean: true },
  );
  if (!account) return false;
  await writeAudit(
    deps.connection,
    {
      actor: null,
      subjectAccount: account._id,
      subjectLookupKey: null,
      subjectMaskedId: null,
      action: 'role.grant-admin',
    },
    cli,
    deps.clock.now(),
  );
  return true;
}

export const grantScopeAsSystem = (deps: Deps, change: { accountId: string } & StaffScope) =>
  grantStaffScope(deps, null, change, cli);
export const revokeScopeAsSystem = (deps: Deps, change: { accountId: string } & StaffScope) =>
  revokeStaffScope(deps, null, change, cli);

/** Binds a registry person to a demo account without the face check (seed only). Leaves an
 * account that is already bound alone, and skips a person someone bound in the demo meanwhile. */
export async function bindIdentityAsSystem(
  connection: Connection,
  config: Config,
  accountId: string,
  person: { name: string; idNumber: string },
) {
  const identity = sealIdentity(dataProtection(config), person.name, normaliseIdNumber(person.idNumber), new Date());
  try {
    await Accounts(connection).updateOne(
      { _id: new Types.ObjectId(accountId), deletedAt: null, identity: null },
      { $set: { identity } },
    );
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/** A person in the insured-person registry, stored as the insurance feature will read it. */
export async function upsertRegistryPerson(
  connection: Connection,
  config: Config,
  person: { name: string; idNumber: string },
) {
  const idNumber = normaliseIdNumber(person.idNumber);
  if (checkIdNumber(idNumber)) throw new Error('registry seed holds an invalid identity number');
  const protection = dataProtection(config);
  const lookupKey = protection.lookupKey(idNumber);
  await InsuredPersons(connection).updateOne(
    { lookupKey },
    {
      $set: {
        nameCipher: protection.encrypt(person.name, REGISTRY_NAME_CONTEXT),
        idNumberCipher: protection.encrypt(idNumber, REGISTRY_ID_NUMBER_CONTEXT),
        maskedIdNumber: maskIdNumber(idNumber),
        maskedName: maskName(person.name),
      },
    },
    { upsert: true },
  );
  return lookupKey;
}
