import type { MaskedNames } from '../../platform/people';
import { Accounts } from './account.model';

/** Only the masked form leaves this feature; deleted accounts have no name any more. */
export const accountMaskedNames: MaskedNames = async (deps, accountIds) => {
  const found = await Accounts(deps.connection)
    .find({ _id: { $in: accountIds }, deletedAt: null, identity: { $ne: null } }, { identity: 1 })
    .lean();
  return new Map(
    found.flatMap((account) => (account.identity ? [[account._id.toHexString(), account.identity.maskedName]] : [])),
  );
};
