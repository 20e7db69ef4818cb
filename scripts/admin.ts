/**
 * Account administration from a shell, for the first admin and for operators:
 *   pnpm --filter @warmcity/scripts admin make-admin <accountId>
 *   pnpm --filter @warmcity/scripts admin grant-scope <accountId> <school|charging-site|cemetery|service-hall> <scopeId>
 *   pnpm --filter @warmcity/scripts admin revoke-scope <accountId> <kind> <scopeId>
 * Uses MONGODB_URI (and DATA_KEY etc.) like the BFF. The person signs in once first; the account
 * id is on their 我的 → 隐私与个人数据 page. Changes reach their token at its next refresh (15 minutes at most).
 */
import { loadConfig } from '@warmcity/bff/config';
import { grantScopeAsSystem, makeAdmin, openTaskDeps, revokeScopeAsSystem } from '@warmcity/bff/accounts/tasks';
import { staffScopeKinds } from '@warmcity/shared/api/accounts';

const usage =
  'usage: admin make-admin <accountId> | grant-scope <accountId> <kind> <scopeId> | revoke-scope <accountId> <kind> <scopeId>';
const hex = /^[0-9a-f]{24}$/;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const [command, accountId, kind, scopeId] = process.argv.slice(2);
if (!accountId || !hex.test(accountId)) fail(usage);
const config = loadConfig();
if (!config.MONGODB_URI) fail('MONGODB_URI is not set: point it at the database the BFF uses (devdb prints its URI).');
const deps = await openTaskDeps(config, config.MONGODB_URI);

try {
  if (command === 'make-admin') {
    if (!(await makeAdmin(deps, accountId))) fail(`no account ${accountId}`);
    console.log(`${accountId} is now an admin`);
  } else if (command === 'grant-scope' || command === 'revoke-scope') {
    const scopeKind = staffScopeKinds.find((known) => known === kind);
    if (!scopeKind || !scopeId || !hex.test(scopeId)) fail(usage);
    const change = { accountId, kind: scopeKind, id: scopeId };
    const account =
      command === 'grant-scope' ? await grantScopeAsSystem(deps, change) : await revokeScopeAsSystem(deps, change);
    console.log(JSON.stringify(account));
  } else {
    fail(usage);
  }
} catch (error) {
  // The services answer a missing account with a NOT_FOUND problem, meant for HTTP.
  fail(`failed: ${(error as { code?: string }).code ?? (error as Error).message}`);
} finally {
  await deps.close();
}
