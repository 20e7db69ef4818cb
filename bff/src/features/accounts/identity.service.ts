import { checkIdNumber, normaliseIdNumber } from '@warmcity/shared/personal-data/id-number';
import { isDuplicateKey } from '../../platform/database';
import type { Deps } from '../../platform/deps';
import { writeAudit, type AuditSource } from '../../platform/personal-data/audit';
import { dataProtection } from '../../platform/personal-data/protection';
import { problem } from '../../platform/problem';
import { consumeRateLimit } from '../../platform/rate-limit';
import type { SessionUser } from '../../platform/session';
import { Accounts } from './account.model';
import { faceCheckFor } from './face-check';
import { loadOwnAccount } from './own-account';
import { limits } from './rate-limits';
import { InsuredPersons, REGISTRY_NAME_CONTEXT } from '../../platform/personal-data/insured-person.model';
import { sealIdentity } from './stored-identity';
import { identityView } from './views';

const idProblemDetail = {
  format: 'An identity number is 17 digits and a final digit or X.',
  'birth-date': 'The birth date inside the number does not exist.',
  'check-digit': 'The last character does not match the others; please check for a typo.',
};

const sameName = (a: string, b: string) => a.normalize('NFC').trim() === b.normalize('NFC').trim();

/**
 * 实名: checks the number itself first (nothing is looked up or stored for a malformed one),
 * then requires the registry to hold that number under that name, then the face check. Not
 * found and wrong name answer the same, so the registry cannot be probed for who is insured.
 */
export async function bindIdentity(
  deps: Deps,
  user: SessionUser,
  body: { name: string; idNumber: string },
  ip: string,
  source: AuditSource,
) {
  const account = await loadOwnAccount(deps, user);
  const now = deps.clock.now();
  await consumeRateLimit(deps.connection, limits.bindPerAccount, user.id, now);
  await consumeRateLimit(deps.connection, limits.bindPerIp, ip, now);

  const idNumber = normaliseIdNumber(body.idNumber);
  const wrong = checkIdNumber(idNumber);
  if (wrong) throw problem('INVALID_ID_NUMBER', idProblemDetail[wrong]);

  const protection = dataProtection(deps.config);
  const person = await InsuredPersons(deps.connection)
    .findOne({ lookupKey: { $in: protection.lookupKeys(idNumber) } })
    .lean();
  if (!person || !sameName(protection.decrypt(person.nameCipher, REGISTRY_NAME_CONTEXT), body.name)) {
    throw problem('IDENTITY_NOT_MATCHED');
  }
  if (!(await faceCheckFor(deps.config).verify(user.id, person._id.toHexString()))) throw problem('FACE_CHECK_FAILED');

  const identity = sealIdentity(protection, body.name, idNumber, now);
  try {
    await Accounts(deps.connection).updateOne({ _id: account._id, deletedAt: null }, { $set: { identity } });
  } catch (error) {
    if (isDuplicateKey(error)) throw problem('IDENTITY_ALREADY_BOUND');
    throw error;
  }
  await writeAudit(
    deps.connection,
    {
      actor: account._id,
      subjectAccount: account._id,
      subjectLookupKey: identity.lookupKey,
      subjectMaskedId: identity.maskedIdNumber,
      action: 'identity.bind',
    },
    source,
    now,
  );
  return identityView(identity);
}
