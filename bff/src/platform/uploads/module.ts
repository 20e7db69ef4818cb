import { defineFeature } from '../feature';
import { oid } from '../ids';
import { uploadsRoutes } from './routes';
import { unattachedUploadSweep } from './sweeper';
import { Uploads } from './upload.model';

/** Uploads is platform (every feature with photos uses it) listed with the features, like
 * payments. On deletion an account's unattached uploads go; attached ones belong to the feature
 * objects holding them, whose own deletion hooks decide. */
export const uploadsModule = defineFeature({
  name: 'uploads',
  routes: uploadsRoutes,
  sweepers: [unattachedUploadSweep],
  models: [Uploads],
  accountData: {
    async onAccountDeleted(accountId, deps) {
      await Uploads(deps.connection).deleteMany({ owner: oid(accountId), attachedTo: null });
    },
    async exportData(accountId, deps) {
      const uploads = await Uploads(deps.connection)
        .find({ owner: oid(accountId) }, { data: 0 })
        .sort({ createdAt: 1 })
        .lean();
      return uploads.map((upload) => ({
        id: upload._id.toHexString(),
        mime: upload.mime,
        size: upload.size,
        sha256: upload.sha256,
        attachedTo: upload.attachedTo ?? null,
        createdAt: upload.createdAt.toISOString(),
      }));
    },
  },
});
