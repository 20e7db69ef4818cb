import { Types } from 'mongoose';
import type { Deps } from '../../platform/deps';
import { forgetRecipient } from '../../platform/notifications/notify';
import { onAccountDeleted } from '../accounts/lifecycle';

onAccountDeleted((accountId: string, deps: Deps) => forgetRecipient(deps, new Types.ObjectId(accountId)));
