import { maskIdNumber, maskName } from '@warmcity/shared/personal-data/masking';
import type { DataProtection } from '../../platform/personal-data/protection';
import { IDENTITY_ID_NUMBER_CONTEXT, IDENTITY_NAME_CONTEXT, type StoredIdentity } from './account.model';

/** A checked, normalised identity as the account stores it: lookup key, ciphertext, masks. */
export function sealIdentity(protection: DataProtection, name: string, idNumber: string, now: Date): StoredIdentity {
  return {
    lookupKey: protection.lookupKey(idNumber),
    idNumberCipher: protection.encrypt(idNumber, IDENTITY_ID_NUMBER_CONTEXT),
    nameCipher: protection.encrypt(name.trim(), IDENTITY_NAME_CONTEXT),
    maskedIdNumber: maskIdNumber(idNumber),
    maskedName: maskName(name),
    boundAt: now,
  };
}
